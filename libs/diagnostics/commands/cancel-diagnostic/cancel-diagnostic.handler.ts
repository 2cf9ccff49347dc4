import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/commands';
import { context, type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { CancelDiagnostic } from './cancel-diagnostic.command.js';

@CommandHandler(CancelDiagnostic)
export class CancelDiagnosticHandler implements ICommandHandler<CancelDiagnostic, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: CancelDiagnostic): Promise<DiagnosticWriteResult> {
    return runDiagnosticCommand(this.runner, command, {
      type: 'CancelDiagnostic',
      data: command.data,
      ...context(command),
    });
  }
}
