import { canSee, type Principal } from '#libs/auth';
import { type CommandRunner, type RunResult, WriteCommand } from '#libs/commands';
import { DomainError } from '#libs/event-sourcing';
import {
  ENTERPRISE_STREAM,
  type EnterpriseCommand,
  enterpriseDecider,
  type EnterpriseState,
  enterpriseStreamId,
} from '../domain/enterprise.js';

export type EnterpriseWriteResult = RunResult<EnterpriseState>;

export abstract class EnterpriseWrite<Data> extends WriteCommand<Data, EnterpriseState> {}

/** An enterprise outside the caller's districts answers as if it did not exist. */
export function authorizeEnterprise(principal: Principal) {
  return (state: EnterpriseState): void => {
    if (
      state.status !== 'unregistered' &&
      !canSee(principal, { ...state, enterpriseId: state.uscc, providerId: null })
    ) {
      throw new DomainError('enterprise_not_found', 'No enterprise is registered under this id', 'not_found');
    }
  };
}

export function runEnterpriseCommand(
  runner: CommandRunner,
  write: EnterpriseWrite<unknown>,
  command: EnterpriseCommand,
): Promise<EnterpriseWriteResult> {
  return runner.run(enterpriseDecider, { type: ENTERPRISE_STREAM, id: enterpriseStreamId(write.id) }, command, {
    ...write.options,
    authorize: authorizeEnterprise(write.principal),
  });
}
