import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type ProjectWriteResult, runProjectCommand } from '../project-command.js';
import { RevokeDemonstration } from './revoke-demonstration.command.js';

@CommandHandler(RevokeDemonstration)
export class RevokeDemonstrationHandler implements ICommandHandler<RevokeDemonstration, ProjectWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: RevokeDemonstration): Promise<ProjectWriteResult> {
    return runProjectCommand(this.runner, command, {
      type: 'RevokeDemonstration',
      data: command.data,
      ...commandContext(command),
    });
  }
}
