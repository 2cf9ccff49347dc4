import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type ProjectWriteResult, runProjectCommand } from '../project-command.js';
import { DesignateDemonstration } from './designate-demonstration.command.js';

@CommandHandler(DesignateDemonstration)
export class DesignateDemonstrationHandler implements ICommandHandler<DesignateDemonstration, ProjectWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: DesignateDemonstration): Promise<ProjectWriteResult> {
    return runProjectCommand(this.runner, command, {
      type: 'DesignateDemonstration',
      data: command.data,
      ...commandContext(command),
    });
  }
}
