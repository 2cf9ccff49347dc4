import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type ProjectWriteResult, runProjectCommand } from '../project-command.js';
import { SuspendProject } from './suspend-project.command.js';

@CommandHandler(SuspendProject)
export class SuspendProjectHandler implements ICommandHandler<SuspendProject, ProjectWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: SuspendProject): Promise<ProjectWriteResult> {
    return runProjectCommand(this.runner, command, {
      type: 'SuspendProject',
      data: command.data,
      ...commandContext(command),
    });
  }
}
