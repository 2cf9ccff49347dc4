import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { RescheduleDiagnostic } from './reschedule-diagnostic.command.js';

@CommandHandler(RescheduleDiagnostic)
export class RescheduleDiagnosticHandler implements ICommandHandler<RescheduleDiagnostic, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: RescheduleDiagnostic): Promise<DiagnosticWriteResult> {
    return runDiagnosticCommand(this.runner, command, {
      type: 'RescheduleDiagnostic',
      data: command.data,
      ...commandContext(command),
    });
  }
}
