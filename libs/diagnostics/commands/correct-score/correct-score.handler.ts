import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { CorrectScore } from './correct-score.command.js';

@CommandHandler(CorrectScore)
export class CorrectScoreHandler implements ICommandHandler<CorrectScore, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: CorrectScore): Promise<DiagnosticWriteResult> {
    return runDiagnosticCommand(this.runner, command, {
      type: 'CorrectScore',
      data: command.data,
      ...commandContext(command),
    });
  }
}
