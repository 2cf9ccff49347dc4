import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type ProjectWriteResult, runProjectCommand } from '../project-command.js';
import { TerminateProject } from './terminate-project.command.js';

@CommandHandler(TerminateProject)
export class TerminateProjectHandler implements ICommandHandler<TerminateProject, ProjectWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: TerminateProject): Promise<ProjectWriteResult> {
    return runProjectCommand(this.runner, command, {
      type: 'TerminateProject',
      data: command.data,
      ...commandContext(command),
    });
  }
}
