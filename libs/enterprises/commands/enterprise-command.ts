import { Command } from '@nestjs/cqrs';
import { coversDistrict, type Principal } from '#libs/auth';
import type { CommandRunner, RunOptions, RunResult } from '#libs/commands';
import { DomainError } from '#libs/event-sourcing';
import {
  ENTERPRISE_STREAM,
  type EnterpriseCommand,
  enterpriseDecider,
  type EnterpriseState,
  enterpriseStreamId,
} from '../domain/enterprise.js';

export type EnterpriseWriteOptions = Omit<RunOptions<EnterpriseState>, 'authorize'>;
export type EnterpriseWriteResult = RunResult<EnterpriseState>;

/** What every enterprise use case carries: who asks, which enterprise, and the write's options. */
export abstract class EnterpriseWrite<Data> extends Command<EnterpriseWriteResult> {
  constructor(
    readonly principal: Principal,
    readonly enterpriseId: string,
    readonly data: Data,
    readonly options: EnterpriseWriteOptions,
  ) {
    super();
  }
}

/** An enterprise outside the caller's districts answers as if it did not exist. */
export function authorizeEnterprise(principal: Principal) {
  return (state: EnterpriseState): void => {
    if (state.status !== 'unregistered' && !coversDistrict(principal, state.districtCode)) {
      throw new DomainError('enterprise_not_found', 'No enterprise is registered under this id', 'not_found');
    }
  };
}

export function runEnterpriseCommand(
  runner: CommandRunner,
  write: EnterpriseWrite<unknown>,
  command: EnterpriseCommand,
): Promise<EnterpriseWriteResult> {
  return runner.run(
    enterpriseDecider,
    { type: ENTERPRISE_STREAM, id: enterpriseStreamId(write.enterpriseId) },
    command,
    {
      ...write.options,
      authorize: authorizeEnterprise(write.principal),
    },
  );
}
