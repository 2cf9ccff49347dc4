import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type ProjectWriteResult, runProjectCommand } from '../project-command.js';
import { CorrectBaseline } from './correct-baseline.command.js';

@CommandHandler(CorrectBaseline)
export class CorrectBaselineHandler implements ICommandHandler<CorrectBaseline, ProjectWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: CorrectBaseline): Promise<ProjectWriteResult> {
    return runProjectCommand(this.runner, command, {
      type: 'CorrectBaseline',
      data: command.data,
      ...commandContext(command),
    });
  }
}
