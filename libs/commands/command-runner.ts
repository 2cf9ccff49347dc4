import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AppendResult,
  ConcurrencyError,
  type EventMetadata,
  type EventStore,
  type IdempotencyKey,
  type StreamClaims,
} from '#libs/event-store';
import { type Decider, type DomainEvent, fold } from '#libs/event-sourcing';
import { commandsTotal } from '#libs/metrics';
import { Logger } from '@nestjs/common';

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
}

export interface RunResult<State> extends AppendResult {
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

/** A hot stream (many writers at once) may need several tries; each waits a little longer, with jitter. */
const RETRIES = 10;

/**
 * Loads a stream, lets the decider decide and appends with the loaded version as the expected one, in
 * one statement. Without If-Match a lost race (with another process) is decided again on the new state;
 * with it, it is a 412. Within a process, commands on one stream run one after another.
 */
export class CommandRunner {
  /** The tail of each stream's queue in this process: commands on one object wait instead of colliding. */
  private readonly queues = new Map<string, Promise<unknown>>();

  private readonly logger = new Logger('Commands');

  /**
   * `observed`: each command's outcome goes to the metrics and the log (the service's runner; not the one the
   * demo's history is made with in memory).
   */
  constructor(
    private readonly store: StreamStore,
    private readonly observed = false,
  ) {}

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
      const { state, version } = await this.load(decider, stream.id);
      options.authorize?.(state);
      if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
        throw new PreconditionFailedError(options.expectedVersion, version);
      }
      const events = decider.decide(command, state);
      if (events.length === 0) throw new Error(`${stream.type} decided no events`);
      try {
        const result = await this.store.append(
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
        const newState = result.replayed
          ? (await this.load(decider, stream.id)).state
          : events.reduce((s, e) => decider.evolve(s, e), state);
        return { ...result, state: newState, appended: result.replayed ? [] : events };
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        if (options.expectedVersion !== undefined) {
          throw new PreconditionFailedError(options.expectedVersion, error.actualVersion ?? 0);
        }
        if (attempt >= RETRIES) throw error;
        await sleep(Math.random() * 2 * (attempt + 1));
      }
    }
  }
}
