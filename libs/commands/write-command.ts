import { Command } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { CommandContext } from '#libs/event-sourcing';
import type { RunOptions, RunResult } from './command-runner.js';

export type WriteOptions = Omit<RunOptions, 'authorize'>;

/** What every write use case carries: who asks, which object, its data, and the write's options. */
export abstract class WriteCommand<Data, State> extends Command<RunResult<State>> {
  constructor(
    readonly principal: Principal,
    readonly id: string,
    readonly data: Data,
    readonly options: WriteOptions,
  ) {
    super();
  }
}

/** The domain's view of a write's sender: now, and the API key that sent it. */
export function commandContext(write: WriteCommand<unknown, unknown>): CommandContext {
  return { now: new Date(), actorId: write.principal.keyId };
}
