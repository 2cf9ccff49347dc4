import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type ProjectWriteResult, runProjectCommand } from '../project-command.js';
import { PlanMilestone } from './plan-milestone.command.js';

@CommandHandler(PlanMilestone)
export class PlanMilestoneHandler implements ICommandHandler<PlanMilestone, ProjectWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: PlanMilestone): Promise<ProjectWriteResult> {
    return runProjectCommand(this.runner, command, {
      type: 'PlanMilestone',
      data: command.data,
      ...commandContext(command),
    });
  }
}
