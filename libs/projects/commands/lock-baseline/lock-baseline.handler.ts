import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type ProjectWriteResult, runProjectCommand } from '../project-command.js';
import { LockBaseline } from './lock-baseline.command.js';

@CommandHandler(LockBaseline)
export class LockBaselineHandler implements ICommandHandler<LockBaseline, ProjectWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: LockBaseline): Promise<ProjectWriteResult> {
    return runProjectCommand(this.runner, command, {
      type: 'LockBaseline',
      data: command.data,
      ...commandContext(command),
    });
  }
}
