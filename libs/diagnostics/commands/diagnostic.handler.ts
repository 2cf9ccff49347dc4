import { CommandHandler } from '@nestjs/cqrs';
import { canSee, type Principal } from '#libs/auth';
import { AggregateCommandHandler, type AggregateCommands, AggregateWrite, CommandRunner } from '#libs/commands';
import { newObjectFacts } from '#libs/enterprises';
import { DomainError } from '#libs/event-sourcing';
import { ClaimTakenError } from '#libs/event-store';
import { loadProviderFacts, namedProviderFacts } from '#libs/providers';
import { diagnosticClaims } from '../domain/diagnostic-claims.js';
import {
  DIAGNOSTIC_STREAM,
  type DiagnosticCommand,
  diagnosticDecider,
  type DiagnosticEvent,
  type DiagnosticState,
  diagnosticStreamId,
} from '../domain/diagnostic.js';

/** Every write to a diagnostic: one of its domain commands; a schedule makes the diagnostic's id. */
export class DiagnosticWrite extends AggregateWrite<DiagnosticCommand, DiagnosticState> {}

/** Whether a diagnostic is inside the caller's scope; outside it answers as if it did not exist. */
export function canSeeDiagnostic(principal: Principal, state: DiagnosticState): boolean {
  return state.status === 'none' || canSee(principal, state);
}

export const diagnosticCommands: AggregateCommands<DiagnosticCommand, DiagnosticState, DiagnosticEvent> = {
  decider: diagnosticDecider,
  streamType: DIAGNOSTIC_STREAM,
  streamId: diagnosticStreamId,
  claims: diagnosticClaims,
  canSee: canSeeDiagnostic,
  notFound: () => new DomainError('diagnostic_not_found', 'No diagnostic exists under this id', 'not_found'),
  preconditions: {
    ScheduleDiagnostic: newObjectFacts,
    AssignDiagnostic: namedProviderFacts,
    async ConductSurvey(_input, context) {
      const diagnostic = await context.load(diagnosticDecider, diagnosticStreamId(context.id));
      const providerId = diagnostic.status === 'none' ? null : diagnostic.providerId;
      return { provider: providerId ? await loadProviderFacts(context, providerId) : null };
    },
  },
  translate: (error) =>
    error instanceof ClaimTakenError
      ? new DomainError(
          'diagnostic_already_open',
          'This enterprise has an open diagnostic of this kind in this campaign; finish, cancel or withdraw it first',
        )
      : error,
};

@CommandHandler(DiagnosticWrite)
export class DiagnosticCommandHandler extends AggregateCommandHandler<
  DiagnosticCommand,
  DiagnosticState,
  DiagnosticEvent
> {
  constructor(runner: CommandRunner) {
    super(runner, diagnosticCommands);
  }
}
