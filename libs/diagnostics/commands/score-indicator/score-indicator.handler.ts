import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { ScoreIndicator } from './score-indicator.command.js';

@CommandHandler(ScoreIndicator)
export class ScoreIndicatorHandler implements ICommandHandler<ScoreIndicator, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: ScoreIndicator): Promise<DiagnosticWriteResult> {
    return runDiagnosticCommand(this.runner, command, {
      type: 'ScoreIndicator',
      data: command.data,
      ...commandContext(command),
    });
  }
}
