import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { IssueReport } from './issue-report.command.js';

@CommandHandler(IssueReport)
export class IssueReportHandler implements ICommandHandler<IssueReport, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: IssueReport): Promise<DiagnosticWriteResult> {
    return runDiagnosticCommand(this.runner, command, {
      type: 'IssueReport',
      data: command.data,
      ...commandContext(command),
    });
  }
}
