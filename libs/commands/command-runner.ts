import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AppendResult,
  ClaimTakenError,
  ConcurrencyError,
  type EventMetadata,
  type EventStore,
  type IdempotencyKey,
  type StreamClaims,
} from '#libs/event-store';
import { type Decider, DomainError, type DomainEvent, fold } from '#libs/event-sourcing';
import { commandStateLoads, commandsTotal } from '#libs/metrics';
import { Logger } from '@nestjs/common';
import { type CachedState, StateCache } from './state-cache.js';

export interface RunOptions<State = unknown> {
  /** Unique claims the decided events take or give up (uniqueness rules that span streams). */
  claims?: (events: readonly DomainEvent[], state: State) => StreamClaims;
  /** Called with the loaded state before deciding: throws when the caller may not act on this object. */
  authorize?: (state: State) => void;
  metadata: EventMetadata;
  /** The client's `If-Match`: the command runs only if the stream is still at this version. */
  expectedVersion?: number;
  idempotency?: IdempotencyKey;
  /** When it happened, for a backdated entry; the server's clock otherwise. */
  occurredAt?: Date;
  /**
   * The command makes its object: its stream is taken not to exist and is not read first. The append expects
   * no stream; when there is one after all, the command is decided again on what is stored.
   */
  creates?: boolean;
}

export interface RunResult<State> extends AppendResult {
  /** The state after the run: the runner keeps the same object for the stream's next command; never change it. */
  state: State;
  /** The events this run appended (none on a replay). */
  appended: DomainEvent[];
}

/** The stream moved on since the version the client sent (412); nothing was appended. */
export class PreconditionFailedError extends Error {
  readonly code = 'precondition_failed';
  constructor(
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`The object is at version ${actualVersion}, not ${expectedVersion}; nothing was changed`);
  }
}

/** What the runner needs of a store: the event store, or the in-memory one the demo's history is made in. */
export type StreamStore = Pick<EventStore, 'readStream' | 'append' | 'findIdempotentResult'>;

export type CommandOutcome = 'ok' | 'refused' | 'conflict' | 'error';

/** What a command's log line holds besides its type and outcome. */
export interface CommandLogFields {
  objectId: string | undefined;
  commandId: string;
  correlationId: string;
  keyId: string;
  version?: number;
  /** A refusal's rule or an error's message. */
  reason?: string;
}

/**
 * Errors that show the append wrote nothing: a decision taken on a provisional state that ends in one of them is
 * taken again on the stored state.
 */
const appendedNothing = (error: unknown): boolean =>
  error instanceof ConcurrencyError ||
  error instanceof PreconditionFailedError ||
  error instanceof DomainError ||
  error instanceof ClaimTakenError;

/** A hot stream (many writers at once) may need several tries; each waits a little longer, with jitter. */
const RETRIES = 10;

export interface CommandRunnerOptions {
  /** Each command's outcome goes to the metrics and the log (the service's runner, not the demo's in memory). */
  observed?: boolean;
  /** Bytes of recently written streams' states kept to decide the next command on (0: none; creates read nothing). */
  stateCacheBytes?: number;
}

/**
 * Gets a stream's state, lets the decider decide and appends with that state's version as the expected one,
 * in one statement. Without If-Match a lost race (with another process) is decided again on the new state;
 * with it, it is a 412. Within a process, commands on one stream run one after another.
 *
 * The state comes from the log, or without a read: a create's stream is new, and a stream this process wrote
 * lately is in its state cache. Such a state is provisional: a decision taken on it stands only if the append
 * at its version succeeds (another process's write in between fails it); one that wrote nothing (a refusal, a
 * 412, a lost race, a taken claim) is decided again on the state read from the log.
 */
export class CommandRunner {
  /** The tail of each stream's queue in this process: commands on one object wait instead of colliding. */
  private readonly queues = new Map<string, Promise<unknown>>();

  private readonly logger = new Logger('Commands');
  private readonly observed: boolean;
  private readonly cache: StateCache | null;

  constructor(
    private readonly store: StreamStore,
    options: CommandRunnerOptions = {},
  ) {
    this.observed = options.observed ?? false;
    this.cache = options.stateCacheBytes ? new StateCache(options.stateCacheBytes) : null;
  }

  /** Counts and logs a command's outcome, with the ids to find it by (its events carry the same ones). */
  observe(type: string, outcome: CommandOutcome, fields: CommandLogFields): void {
    if (!this.observed) return;
    commandsTotal.inc({ type, outcome });
    const line = { msg: `${type} ${outcome}`, type, outcome, ...fields };
    if (outcome === 'error') this.logger.error(line);
    else this.logger.log(line);
  }

  async load<State, Event extends DomainEvent>(
    decider: Pick<Decider<never, State, Event>, 'initialState' | 'evolve'>,
    streamId: string,
  ): Promise<{ state: State; version: number }> {
    const events = await this.store.readStream(streamId);
    return { state: fold(decider, events as unknown as Event[]), version: events.at(-1)?.version ?? 0 };
  }

  run<Command, State, Event extends DomainEvent>(
    decider: Decider<Command, State, Event>,
    stream: { type: string; id: string },
    command: Command,
    options: RunOptions<State>,
  ): Promise<RunResult<State>> {
    const previous = this.queues.get(stream.id) ?? Promise.resolve();
    const result = previous.then(() => this.runNow(decider, stream, command, options));
    const tail = result.catch(() => undefined); // a failed command does not hold up the next
    this.queues.set(stream.id, tail);
    void tail.then(() => {
      if (this.queues.get(stream.id) === tail) this.queues.delete(stream.id);
    });
    return result;
  }

  private async runNow<Command, State, Event extends DomainEvent>(
    decider: Decider<Command, State, Event>,
    stream: { type: string; id: string },
    command: Command,
    options: RunOptions<State>,
  ): Promise<RunResult<State>> {
    if (options.idempotency) {
      const earlier = await this.store.findIdempotentResult(options.idempotency);
      if (earlier) {
        const { state } = await this.load(decider, stream.id);
        options.authorize?.(state);
        return { ...earlier, state, appended: [] };
      }
    }
    for (let attempt = 0; ; attempt++) {
      const provisional = attempt === 0 ? this.provisionalState(decider, stream.id, options) : undefined;
      if (!provisional && this.observed) commandStateLoads.inc({ source: 'read' });
      const { state, version } = provisional
        ? { state: provisional.state as State, version: provisional.version }
        : await this.load(decider, stream.id);
      let events: Event[];
      let result: AppendResult;
      try {
        options.authorize?.(state);
        if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
          throw new PreconditionFailedError(options.expectedVersion, version);
        }
        events = decider.decide(command, state);
        if (events.length === 0) throw new Error(`${stream.type} decided no events`);
        result = await this.store.append(
          stream.id,
          stream.type,
          events.map((event) => ({
            type: event.type,
            data: { ...event.data },
            occurredAt: options.occurredAt,
          })),
          {
            expectedVersion: version === 0 ? 'no_stream' : version,
            metadata: options.metadata,
            idempotency: options.idempotency,
            claims: options.claims?.(events, state),
          },
        );
      } catch (error) {
        this.cache?.delete(stream.id);
        // Decided on a state not read from the log, and nothing was appended: decide again on the stored state.
        // Any other error (a connection lost after the commit, say) goes to the caller, as on a read state.
        if (provisional && appendedNothing(error)) continue;
        if (!(error instanceof ConcurrencyError)) throw error;
        if (options.expectedVersion !== undefined) {
          throw new PreconditionFailedError(options.expectedVersion, error.actualVersion ?? 0);
        }
        if (attempt >= RETRIES) throw error;
        await sleep(Math.random() * 2 * (attempt + 1));
        continue;
      }
      if (result.replayed) {
        this.cache?.delete(stream.id);
        return { ...result, state: (await this.load(decider, stream.id)).state, appended: [] };
      }
      const newState = events.reduce((s, e) => decider.evolve(s, e), state);
      this.cache?.set(stream.id, newState, result.version);
      return { ...result, state: newState, appended: events };
    }
  }

  /** A state to decide on without reading the stream, if there is one: a create's, or the one this process left. */
  private provisionalState<State>(
    decider: Pick<Decider<never, State, never>, 'initialState'>,
    streamId: string,
    options: RunOptions<State>,
  ): CachedState | undefined {
    if (options.creates && options.expectedVersion === undefined) {
      if (this.observed) commandStateLoads.inc({ source: 'create' });
      return { state: decider.initialState(), version: 0 };
    }
    const cached = this.cache?.get(streamId);
    if (cached && this.observed) commandStateLoads.inc({ source: 'cached' });
    return cached;
  }
}
