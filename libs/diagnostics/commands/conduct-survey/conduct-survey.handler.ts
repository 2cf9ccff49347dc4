import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { DomainError } from '#libs/event-sourcing';
import { isAccreditedOn, providerDecider, providerStreamId } from '#libs/providers';
import { diagnosticDecider, diagnosticStreamId } from '../../domain/diagnostic.js';
import { type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { ConductSurvey } from './conduct-survey.command.js';

@CommandHandler(ConductSurvey)
export class ConductSurveyHandler implements ICommandHandler<ConductSurvey, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  async execute(command: ConductSurvey): Promise<DiagnosticWriteResult> {
    const { state: current } = await this.runner.load(diagnosticDecider, diagnosticStreamId(command.id));
    const providerId = current.status === 'none' ? null : current.providerId;
    const provider = providerId ? (await this.runner.load(providerDecider, providerStreamId(providerId))).state : null;
    // Invariant 2: every assigned assessor is accredited on the survey date.
    return runDiagnosticCommand(
      this.runner,
      command,
      { type: 'ConductSurvey', data: command.data, ...commandContext(command) },
      (state) => {
        if (state.status === 'none' || !provider || state.providerId !== providerId) return;
        const unaccredited = state.assessorIds.filter((id) => !isAccreditedOn(provider, id, command.data.date));
        if (unaccredited.length) {
          throw new DomainError(
            'assessor_not_accredited',
            `Not accredited on ${command.data.date}: ${unaccredited.join(', ')}`,
            'conflict',
            {
              assessorIds: unaccredited,
            },
          );
        }
      },
    );
  }
}
