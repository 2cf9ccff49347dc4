import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { CloseDiagnostic } from './close-diagnostic.command.js';

@CommandHandler(CloseDiagnostic)
export class CloseDiagnosticHandler implements ICommandHandler<CloseDiagnostic, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: CloseDiagnostic): Promise<DiagnosticWriteResult> {
    return runDiagnosticCommand(this.runner, command, {
      type: 'CloseDiagnostic',
      data: command.data,
      ...commandContext(command),
    });
  }
}
