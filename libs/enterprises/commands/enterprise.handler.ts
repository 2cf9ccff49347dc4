import { CommandHandler } from '@nestjs/cqrs';
import { canSee, coversDistrict, ForbiddenError, type Principal } from '#libs/auth';
import {
  AggregateCommandHandler,
  type AggregateCommands,
  AggregateWrite,
  CommandRunner,
  type PreconditionContext,
} from '#libs/commands';
import { DomainError } from '#libs/event-sourcing';
import {
  ENTERPRISE_STREAM,
  type EnterpriseCommand,
  enterpriseDecider,
  type EnterpriseEvent,
  type EnterpriseFacts,
  type EnterpriseState,
  type NewObjectFacts,
  enterpriseStreamId,
} from '../domain/enterprise.js';

/** Every write to an enterprise: one of its domain commands, for the enterprise keyed by its USCC. */
export class EnterpriseWrite extends AggregateWrite<EnterpriseCommand, EnterpriseState> {}

export const enterpriseNotFound = () =>
  new DomainError('enterprise_not_found', 'No enterprise is registered under this id', 'not_found');

/** Whether the caller may see this enterprise (an unregistered one: yes, there is nothing to hide). */
export function canSeeEnterprise(principal: Principal, state: EnterpriseState): boolean {
  return state.status === 'unregistered' || canSee(principal, { ...state, enterpriseId: state.uscc, providerId: null });
}

/**
 * The facts of an enterprise another aggregate's command names (a diagnostic's, a project's): 404 when it is not
 * registered or outside the caller's scope, as if it did not exist.
 */
export async function loadEnterpriseFacts(
  context: PreconditionContext,
  enterpriseId: string,
): Promise<EnterpriseFacts> {
  const enterprise = await context.load(enterpriseDecider, enterpriseStreamId(enterpriseId));
  if (enterprise.status === 'unregistered' || !canSeeEnterprise(context.principal, enterprise)) {
    throw enterpriseNotFound();
  }
  return { status: enterprise.status, districtCode: enterprise.districtCode };
}

/** The precondition of a create for an enterprise: the new object's id and the enterprise's facts. */
export async function newObjectFacts(
  input: { data: { enterpriseId: string } },
  context: PreconditionContext,
): Promise<NewObjectFacts> {
  return { id: context.id, enterprise: await loadEnterpriseFacts(context, input.data.enterpriseId) };
}

export const enterpriseCommands: AggregateCommands<EnterpriseCommand, EnterpriseState, EnterpriseEvent> = {
  decider: enterpriseDecider,
  streamType: ENTERPRISE_STREAM,
  streamId: enterpriseStreamId,
  creates: ['RegisterEnterprise'],
  canSee: canSeeEnterprise,
  notFound: enterpriseNotFound,
  preconditions: {
    RegisterEnterprise(input, { principal }) {
      if (!coversDistrict(principal, input.data.districtCode)) {
        throw new ForbiddenError(`District ${input.data.districtCode} is outside this key's scope`);
      }
      return Promise.resolve();
    },
    CorrectDetails(input, { principal }) {
      if (input.data.field === 'districtCode' && !coversDistrict(principal, input.data.value)) {
        throw new ForbiddenError(`District ${input.data.value} is outside this key's scope`);
      }
      return Promise.resolve();
    },
  },
};

@CommandHandler(EnterpriseWrite)
export class EnterpriseCommandHandler extends AggregateCommandHandler<
  EnterpriseCommand,
  EnterpriseState,
  EnterpriseEvent
> {
  constructor(runner: CommandRunner) {
    super(runner, enterpriseCommands);
  }
}
