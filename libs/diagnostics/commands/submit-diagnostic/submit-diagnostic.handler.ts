import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { SubmitDiagnostic } from './submit-diagnostic.command.js';

@CommandHandler(SubmitDiagnostic)
export class SubmitDiagnosticHandler implements ICommandHandler<SubmitDiagnostic, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: SubmitDiagnostic): Promise<DiagnosticWriteResult> {
    return runDiagnosticCommand(this.runner, command, {
      type: 'SubmitForReview',
      data: command.data,
      ...commandContext(command),
    });
  }
}
