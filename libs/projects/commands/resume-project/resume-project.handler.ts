import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type ProjectWriteResult, runProjectCommand } from '../project-command.js';
import { ResumeProject } from './resume-project.command.js';

@CommandHandler(ResumeProject)
export class ResumeProjectHandler implements ICommandHandler<ResumeProject, ProjectWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: ResumeProject): Promise<ProjectWriteResult> {
    return runProjectCommand(this.runner, command, {
      type: 'ResumeProject',
      data: command.data,
      ...commandContext(command),
    });
  }
}
