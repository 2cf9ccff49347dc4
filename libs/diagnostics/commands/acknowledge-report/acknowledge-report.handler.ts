import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { AcknowledgeReport } from './acknowledge-report.command.js';

@CommandHandler(AcknowledgeReport)
export class AcknowledgeReportHandler implements ICommandHandler<AcknowledgeReport, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: AcknowledgeReport): Promise<DiagnosticWriteResult> {
    return runDiagnosticCommand(this.runner, command, {
      type: 'AcknowledgeReport',
      data: command.data,
      ...commandContext(command),
    });
  }
}
