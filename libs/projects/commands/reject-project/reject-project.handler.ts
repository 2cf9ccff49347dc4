import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type ProjectWriteResult, runProjectCommand } from '../project-command.js';
import { RejectProject } from './reject-project.command.js';

@CommandHandler(RejectProject)
export class RejectProjectHandler implements ICommandHandler<RejectProject, ProjectWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: RejectProject): Promise<ProjectWriteResult> {
    return runProjectCommand(this.runner, command, {
      type: 'RejectProject',
      data: command.data,
      ...commandContext(command),
    });
  }
}
