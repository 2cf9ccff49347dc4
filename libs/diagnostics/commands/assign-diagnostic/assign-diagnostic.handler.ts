import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { DomainError } from '#libs/event-sourcing';
import { isAccreditedOn, providerDecider, providerStreamId } from '#libs/providers';
import { type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { AssignDiagnostic } from './assign-diagnostic.command.js';

@CommandHandler(AssignDiagnostic)
export class AssignDiagnosticHandler implements ICommandHandler<AssignDiagnostic, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  async execute(command: AssignDiagnostic): Promise<DiagnosticWriteResult> {
    const { state: provider } = await this.runner.load(providerDecider, providerStreamId(command.data.providerId));
    if (provider.status !== 'admitted') {
      throw new DomainError(
        'provider_not_available',
        `Provider ${command.data.providerId} is not admitted or is suspended`,
      );
    }
    return runDiagnosticCommand(
      this.runner,
      command,
      { type: 'AssignDiagnostic', data: command.data, ...commandContext(command) },
      (state) => {
        if (state.status === 'none') return;
        const unaccredited = command.data.assessorIds.filter((id) => !isAccreditedOn(provider, id, state.plannedDate));
        if (unaccredited.length) {
          throw new DomainError(
            'assessor_not_accredited',
            `Not accredited by this provider on ${state.plannedDate}: ${unaccredited.join(', ')}`,
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
