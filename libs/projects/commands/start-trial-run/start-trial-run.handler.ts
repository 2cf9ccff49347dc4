import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type ProjectWriteResult, runProjectCommand } from '../project-command.js';
import { StartTrialRun } from './start-trial-run.command.js';

@CommandHandler(StartTrialRun)
export class StartTrialRunHandler implements ICommandHandler<StartTrialRun, ProjectWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: StartTrialRun): Promise<ProjectWriteResult> {
    return runProjectCommand(this.runner, command, {
      type: 'StartTrialRun',
      data: command.data,
      ...commandContext(command),
    });
  }
}
