import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type ProjectWriteResult, runProjectCommand } from '../project-command.js';
import { RecordBaseline } from './record-baseline.command.js';

@CommandHandler(RecordBaseline)
export class RecordBaselineHandler implements ICommandHandler<RecordBaseline, ProjectWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: RecordBaseline): Promise<ProjectWriteResult> {
    return runProjectCommand(this.runner, command, {
      type: 'RecordBaseline',
      data: command.data,
      ...commandContext(command),
    });
  }
}
