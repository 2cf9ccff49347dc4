import { CommandHandler } from '@nestjs/cqrs';
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
} from '../domain/provider.js';

/** Every write to a service provider: one of its domain commands, for the provider keyed by its USCC. */
export class ProviderWrite extends AggregateWrite<ProviderCommand, ProviderState> {}

/** The facts of a provider another aggregate's command names (a diagnostic's assignment, a project's contract). */
export async function loadProviderFacts(context: PreconditionContext, providerId: string): Promise<ProviderFacts> {
  return providerFacts(providerId, await context.load(providerDecider, providerStreamId(providerId)));
}

/** The provider registry is shared by the whole deployment: officers of every district may maintain it. */
export const providerCommands: AggregateCommands<ProviderCommand, ProviderState, ProviderEvent> = {
  decider: providerDecider,
  streamType: PROVIDER_STREAM,
  streamId: providerStreamId,
  authorize: () => undefined,
};

@CommandHandler(ProviderWrite)
export class ProviderCommandHandler extends AggregateCommandHandler<ProviderCommand, ProviderState, ProviderEvent> {
  constructor(runner: CommandRunner) {
    super(runner, providerCommands);
  }
}
