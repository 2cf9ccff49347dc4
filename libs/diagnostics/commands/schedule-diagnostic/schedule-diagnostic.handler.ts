import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { coversDistrict } from '#libs/auth';
import { commandContext, CommandRunner } from '#libs/commands';
import { enterpriseDecider, enterpriseStreamId } from '#libs/enterprises';
import { DomainError } from '#libs/event-sourcing';
import { ClaimTakenError } from '#libs/event-store';
import { type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { ScheduleDiagnostic } from './schedule-diagnostic.command.js';

@CommandHandler(ScheduleDiagnostic)
export class ScheduleDiagnosticHandler implements ICommandHandler<ScheduleDiagnostic, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  async execute(command: ScheduleDiagnostic): Promise<DiagnosticWriteResult> {
    // Invariant 1: the enterprise exists, is active and (for an officer) in its districts.
    const { state: enterprise } = await this.runner.load(
      enterpriseDecider,
      enterpriseStreamId(command.data.enterpriseId),
    );
    if (enterprise.status === 'unregistered' || !coversDistrict(command.principal, enterprise.districtCode)) {
      throw new DomainError('enterprise_not_found', 'No enterprise is registered under this id', 'not_found');
    }
    if (enterprise.status === 'closed') {
      throw new DomainError('enterprise_closed', 'The enterprise is closed; it cannot be diagnosed');
    }
    const { campaignId, scoringModel, ...data } = command.data;
    try {
      return await runDiagnosticCommand(this.runner, command, {
        type: 'ScheduleDiagnostic',
        data: {
          ...data,
          scoringModel,
          diagnosticId: command.id,
          districtCode: enterprise.districtCode,
          campaignId: campaignId ?? data.plannedDate.slice(0, 4),
        },
        ...commandContext(command),
      });
    } catch (error) {
      if (error instanceof ClaimTakenError) {
        throw new DomainError(
          'diagnostic_already_open',
          'This enterprise has an open diagnostic of this kind in this campaign; finish, cancel or withdraw it first',
        );
      }
      throw error;
    }
  }
}
