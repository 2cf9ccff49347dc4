import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type ProjectWriteResult, runProjectCommand } from '../project-command.js';
import { CompleteMilestone } from './complete-milestone.command.js';

@CommandHandler(CompleteMilestone)
export class CompleteMilestoneHandler implements ICommandHandler<CompleteMilestone, ProjectWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: CompleteMilestone): Promise<ProjectWriteResult> {
    return runProjectCommand(this.runner, command, {
      type: 'CompleteMilestone',
      data: command.data,
      ...commandContext(command),
    });
  }
}
