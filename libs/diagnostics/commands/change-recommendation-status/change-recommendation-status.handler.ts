import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { ChangeRecommendationStatus } from './change-recommendation-status.command.js';

@CommandHandler(ChangeRecommendationStatus)
export class ChangeRecommendationStatusHandler implements ICommandHandler<
  ChangeRecommendationStatus,
  DiagnosticWriteResult
> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: ChangeRecommendationStatus): Promise<DiagnosticWriteResult> {
    return runDiagnosticCommand(this.runner, command, {
      type: 'ChangeRecommendationStatus',
      data: command.data,
      ...commandContext(command),
    });
  }
}
