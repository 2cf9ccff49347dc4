import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type ProjectWriteResult, runProjectCommand } from '../project-command.js';
import { StartConstruction } from './start-construction.command.js';

@CommandHandler(StartConstruction)
export class StartConstructionHandler implements ICommandHandler<StartConstruction, ProjectWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: StartConstruction): Promise<ProjectWriteResult> {
    return runProjectCommand(this.runner, command, {
      type: 'StartConstruction',
      data: command.data,
      ...commandContext(command),
    });
  }
}
