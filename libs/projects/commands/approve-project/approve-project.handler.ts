import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type ProjectWriteResult, runProjectCommand } from '../project-command.js';
import { ApproveProject } from './approve-project.command.js';

@CommandHandler(ApproveProject)
export class ApproveProjectHandler implements ICommandHandler<ApproveProject, ProjectWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: ApproveProject): Promise<ProjectWriteResult> {
    return runProjectCommand(this.runner, command, {
      type: 'ApproveProject',
      data: command.data,
      ...commandContext(command),
    });
  }
}
