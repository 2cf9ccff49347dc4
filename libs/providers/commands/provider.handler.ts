import { CommandHandler } from '@nestjs/cqrs';
import { coversDistrict, ForbiddenError } from '#libs/auth';
import { DomainError } from '#libs/event-sourcing';
import {
  AggregateCommandHandler,
  type AggregateCommands,
  AggregateWrite,
  CommandRunner,
  type PreconditionContext,
} from '#libs/commands';
import {
  PROVIDER_STREAM,
  type ProviderCommand,
  providerDecider,
  type ProviderEvent,
  type ProviderFacts,
  providerFacts,
  type ProviderState,
  providerStreamId,
  registeredDistrict,
} from '../domain/provider.js';

/** Every write to a service provider: one of its domain commands, for the provider keyed by its USCC. */
export class ProviderWrite extends AggregateWrite<ProviderCommand, ProviderState> {}

/** The facts of a provider another aggregate's command names (a diagnostic's assignment, a project's contract). */
export async function loadProviderFacts(context: PreconditionContext, providerId: string): Promise<ProviderFacts> {
  return providerFacts(providerId, await context.load(providerDecider, providerStreamId(providerId)));
}

/** The precondition of a command that names a provider: that provider's facts. */
export async function namedProviderFacts(
  input: { data: { providerId: string } },
  context: PreconditionContext,
): Promise<{ provider: ProviderFacts }> {
  return { provider: await loadProviderFacts(context, input.data.providerId) };
}

/** Admins, and the officers of the district the provider is registered in, maintain it. */
function maintainedByCaller(_input: unknown, { id, principal }: PreconditionContext): Promise<void> {
  const district = registeredDistrict(id);
  if (!coversDistrict(principal, district)) {
    throw new ForbiddenError(
      `This provider is registered in district ${district}: admins and that district's officers maintain it`,
    );
  }
  return Promise.resolve();
}

/** The provider registry is read by the whole deployment; each provider is maintained by its district. */
export const providerCommands: AggregateCommands<ProviderCommand, ProviderState, ProviderEvent> = {
  decider: providerDecider,
  streamType: PROVIDER_STREAM,
  streamId: providerStreamId,
  creates: ['AdmitProvider'],
  canSee: () => true,
  notFound: () => new DomainError('provider_not_found', 'No provider is admitted under this id', 'not_found'),
  preconditions: {
    AdmitProvider: maintainedByCaller,
    AccreditAssessor: maintainedByCaller,
    SuspendProvider: maintainedByCaller,
  },
};

@CommandHandler(ProviderWrite)
export class ProviderCommandHandler extends AggregateCommandHandler<ProviderCommand, ProviderState, ProviderEvent> {
  constructor(runner: CommandRunner) {
    super(runner, providerCommands);
  }
}
