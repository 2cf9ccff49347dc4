import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { SubmitSelfAssessment } from './submit-self-assessment.command.js';

@CommandHandler(SubmitSelfAssessment)
export class SubmitSelfAssessmentHandler implements ICommandHandler<SubmitSelfAssessment, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: SubmitSelfAssessment): Promise<DiagnosticWriteResult> {
    return runDiagnosticCommand(this.runner, command, {
      type: 'SubmitSelfAssessment',
      data: command.data,
      ...commandContext(command),
    });
  }
}
