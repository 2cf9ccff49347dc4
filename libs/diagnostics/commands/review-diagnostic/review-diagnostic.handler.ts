import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { ReviewDiagnostic } from './review-diagnostic.command.js';

@CommandHandler(ReviewDiagnostic)
export class ReviewDiagnosticHandler implements ICommandHandler<ReviewDiagnostic, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: ReviewDiagnostic): Promise<DiagnosticWriteResult> {
    return runDiagnosticCommand(this.runner, command, {
      type: 'ReviewDiagnostic',
      data: command.data,
      ...commandContext(command),
    });
  }
}
