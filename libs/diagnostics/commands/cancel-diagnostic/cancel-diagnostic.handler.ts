import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { CancelDiagnostic } from './cancel-diagnostic.command.js';

@CommandHandler(CancelDiagnostic)
export class CancelDiagnosticHandler implements ICommandHandler<CancelDiagnostic, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: CancelDiagnostic): Promise<DiagnosticWriteResult> {
    return runDiagnosticCommand(this.runner, command, {
      type: 'CancelDiagnostic',
      data: command.data,
      ...commandContext(command),
    });
  }
}
