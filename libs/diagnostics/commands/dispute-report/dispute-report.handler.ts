import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { DisputeReport } from './dispute-report.command.js';

@CommandHandler(DisputeReport)
export class DisputeReportHandler implements ICommandHandler<DisputeReport, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: DisputeReport): Promise<DiagnosticWriteResult> {
    return runDiagnosticCommand(this.runner, command, {
      type: 'DisputeReport',
      data: command.data,
      ...commandContext(command),
    });
  }
}
