import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { WithdrawDiagnostic } from './withdraw-diagnostic.command.js';

@CommandHandler(WithdrawDiagnostic)
export class WithdrawDiagnosticHandler implements ICommandHandler<WithdrawDiagnostic, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: WithdrawDiagnostic): Promise<DiagnosticWriteResult> {
    return runDiagnosticCommand(this.runner, command, {
      type: 'WithdrawDiagnostic',
      data: command.data,
      ...commandContext(command),
    });
  }
}
