import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/commands';
import { context, type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { AcknowledgeReport } from './acknowledge-report.command.js';

@CommandHandler(AcknowledgeReport)
export class AcknowledgeReportHandler implements ICommandHandler<AcknowledgeReport, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: AcknowledgeReport): Promise<DiagnosticWriteResult> {
    return runDiagnosticCommand(this.runner, command, {
      type: 'AcknowledgeReport',
      data: command.data,
      ...context(command),
    });
  }
}
