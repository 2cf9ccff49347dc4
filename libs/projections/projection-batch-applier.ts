import { type Database, type DB, isDatabaseUnavailable } from '#libs/database';
import { compareLogPositions, encodeLogPosition, type LogPosition, type StoredEvent } from '#libs/event-store';
import type { Kysely, QueryCreator } from 'kysely';
import type { ProjectionCheckpointRepository } from './projection-checkpoint.repository.js';
import type { ProjectionLogger } from './projection-engine.js';
import type { AdvanceSignal } from './projection-signals.js';
import type { Projection } from './projection.js';
import { eventsProjected } from '#libs/metrics';

/** Events applied between two turns of the event loop. */
const APPLY_CHUNK = 1000;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Another runner moved the checkpoint first (or the projection was paused): this batch is not ours. */
export class LostRace extends Error {}

/** Moves a projection's position (live or rebuild) from `from` to `to` by compare-and-set; false if it had moved. */
export type MovePosition = (trx: Kysely<DB>, from: LogPosition, to: LogPosition) => Promise<boolean>;

/**
 * Errors of the connection or the server's state (or a serialization failure or deadlock, class 40), not of
 * the projection: tried again, never a failure.
 */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && code.startsWith('40')) || isDatabaseUnavailable(error);
}

/**
 * Applies batches of events with the move of their position in one transaction, and isolates the event a
 * failing batch stops at.
 */
export class BatchApplier {
  constructor(
    private readonly database: Database,
    private readonly checkpoints: ProjectionCheckpointRepository,
    private readonly advanced: AdvanceSignal,
    private readonly logger: ProjectionLogger,
  ) {}

  /** Runs `work` in a transaction; false when another runner got there first. */
  async inTransaction(work: (trx: Kysely<DB>) => Promise<void>): Promise<boolean> {
    try {
      await this.database.db.transaction().execute(work);
      return true;
    } catch (error) {
      if (error instanceof LostRace) return false;
      throw error;
    }
  }

  /**
   * Applies a batch and moves the position from `from` to `to` in one transaction. When the batch fails,
   * its events are applied one at a time to find the one that fails: the projection stops there (its
   * position just before it) and reports it; the others run on.
   */
  async apply(
    projection: Projection,
    events: readonly StoredEvent[],
    from: LogPosition,
    to: LogPosition,
    move: MovePosition,
    tables: (trx: Kysely<DB>) => QueryCreator<DB>,
    rebuilding: boolean,
  ): Promise<boolean> {
    const attempt = (a: LogPosition, b: LogPosition, some: readonly StoredEvent[]) =>
      this.inTransaction(async (trx) => {
        await this.checkpoints.lockForBatch(trx, projection.name);
        // A follower's batch moves its position first: a stale one (after a swap, say) learns it before it
        // writes. A rebuild's batch moves it last, so that the checkpoint row, which the projection's follower
        // (maybe in another process) writes too, is locked only for the commit and not while the batch is written.
        if (!rebuilding && !(await move(trx, a, b))) throw new LostRace();
        // A rebuild's batch is applied in pieces, letting the event loop serve the live projections between them.
        for (let i = 0; i < some.length; i += APPLY_CHUNK) {
          if (i > 0) await yieldToEventLoop();
          await projection.apply(tables(trx), some.slice(i, i + APPLY_CHUNK));
        }
        if (rebuilding && !(await move(trx, a, b))) throw new LostRace();
      });
    const mode = rebuilding ? 'rebuild' : 'live';
    try {
      const moved = await attempt(from, to, events);
      if (moved) {
        eventsProjected.inc({ projection: projection.name, mode }, events.length);
        this.advanced.emit(projection.name);
      }
      return moved;
    } catch (error) {
      if (isTransient(error)) throw error;
      // Another runner moved the position meanwhile (a swap, a lease taken over): the error is of a batch
      // that was not ours to apply, not of the projection.
      if (await this.movedFrom(projection, from, rebuilding)) return false;
      if (events.length === 1) {
        await this.fail(projection, events[0], error, rebuilding);
        return false;
      }
    }
    let at = from;
    for (const event of events) {
      try {
        if (!(await attempt(at, event.position, [event]))) return false;
        eventsProjected.inc({ projection: projection.name, mode });
      } catch (error) {
        if (isTransient(error)) throw error;
        await this.fail(projection, event, error, rebuilding);
        return false;
      }
      at = event.position;
    }
    if (compareLogPositions(to, at) > 0) await attempt(at, to, []);
    this.advanced.emit(projection.name);
    return false; // moved one event at a time: read the checkpoint again
  }

  private async movedFrom(projection: Projection, from: LogPosition, rebuilding: boolean): Promise<boolean> {
    const [checkpoint] = await this.checkpoints.list(this.database.db, [projection.name]);
    const at = rebuilding ? checkpoint?.rebuild?.position : checkpoint?.position;
    return !at || compareLogPositions(at, from) !== 0;
  }

  private async fail(
    projection: Projection,
    event: StoredEvent | undefined,
    error: unknown,
    rebuilding: boolean,
  ): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error({
      msg: `${projection.name}: stopped at event ${event ? `${event.type} ${encodeLogPosition(event.position)}` : '?'}: ${message}`,
      projection: projection.name,
      eventId: event?.eventId ?? null,
      streamId: event?.streamId ?? null,
      position: event ? encodeLogPosition(event.position) : null,
      correlationId: event?.metadata.correlationId ?? null,
      rebuilding,
    });
    await this.checkpoints.markFailed(this.database.db, projection.name, {
      message,
      eventId: event?.eventId ?? null,
      eventType: event?.type ?? null,
      streamId: event?.streamId ?? null,
      position: event ? encodeLogPosition(event.position) : null,
      rebuilding,
      at: new Date().toISOString(),
    });
  }
}
