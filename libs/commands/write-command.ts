import { Command } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { CommandContext } from '#libs/event-sourcing';
import type { RunOptions, RunResult } from './command-runner.js';

/** The write's options for the runner, and `now`: when the service took the write, by its clock. */
export type WriteOptions = Omit<RunOptions, 'authorize'> & { now: Date };

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
  return { now: write.options.now, actorId: write.principal.keyId };
}
