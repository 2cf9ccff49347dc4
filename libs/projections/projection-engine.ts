import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { type Database, type DB, isDatabaseUnavailable } from '#libs/database';
import {
  compareLogPositions,
  encodeLogPosition,
  type EventStore,
  LOG_START,
  type LogPosition,
  type StoredEvent,
} from '#libs/event-store';
import type { Kysely, QueryCreator } from 'kysely';
import { type Checkpoint, ProjectionCheckpointRepository, rebuildSchema } from './projection-checkpoint.repository.js';
import { type BatchReader, LogWalks, type ReadAhead, type WalkStart } from './log-walks.js';
import { ProjectionLeases } from './projection-leases.js';
import { type Projection, PROJECTION_NAME } from './projection.js';

export interface ProjectionEngineOptions {
  /** Events per batch while following the log. */
  batchSize?: number;
  /**
   * Events per batch while rebuilding. On the province log (1M events), with the COPY text streamed as it is
   * made and the heap's growth bounded (`boundHeapGrowth`): 20,000 took 29.2–34.4 s (mean 30.8) at 322–379 MB
   * of peak RSS, 10,000 30.4–33.5 s (mean 31.9) at 249–288 MB, faster in six of seven alternating pairs;
   * 40,000 30.7–31.5 s at 474–478 MB. With V8's own heap growth, 10,000 had peaked at 374–421 MB (587 and
   * 788 MB in two of eleven runs with the text streamed).
   * A follower of the live log waits behind a rebuild's batch in flight (the log's fence), so a larger batch
   * also lengthens the live lag while a rebuild runs (read from the code; not measured).
   */
  rebuildBatchSize?: number;
  /**
   * How many batches the projections step on without waiting for each other (one applies its next batch
   * while the database writes another's) before they line up at one position again and the leases are
   * looked at.
   */
  batchesPerRun?: number;
  /**
   * How many batches a walk of the log holds (read ahead, or being applied): one more than how far the fastest
   * projection gets ahead of the slowest. Two keep a rebuild's memory where batches applied in lockstep kept it.
   */
  batchesAhead?: number;
  /** How often to look at the log when no notification came (the fallback to LISTEN/NOTIFY). */
  pollIntervalMs?: number;
  /** How often to try to take the leases other processes do not hold (takeover after a holder died). */
  leaseIntervalMs?: number;
  /** Shown as the runner of the projections this process holds. */
  owner?: string;
  logger?: { log(message: string): void; warn(message: string): void; error(message: string): void };
}

/** Another runner moved the checkpoint first (or the projection was paused): this batch is not ours. */
class LostRace extends Error {}

/**
 * Errors of the connection or the server's state (or a serialization failure or deadlock, class 40), not of
 * the projection: tried again, never a failure.
 */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && code.startsWith('40')) || isDatabaseUnavailable(error);
}

/** Where a projection's rebuild has reached, if it rebuilds (for its code's version) and has begun to read. */
function rebuildingFrom(projection: Projection, checkpoint: Checkpoint | null): LogPosition | null {
  const rebuild = checkpoint?.rebuild;
  return rebuild?.version === projection.version && !checkpoint?.paused && !checkpoint?.failed
    ? rebuild.position
    : null;
}

/** A projection's reader of the log: following it with its live tables, or rebuilding its copies. */
const readerOf = (projection: Projection, mode: 'follow' | 'rebuild'): string => `${projection.name}@${mode}`;

const noLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Runs projections: reads the log gap-safely from each checkpoint, applies a batch and moves the checkpoint in
 * one transaction (compare-and-set on the old position, so a crash neither skips nor repeats and two runners
 * never both apply a batch), isolates the event a failing batch stops at, and rebuilds into fresh tables.
 */
export class ProjectionEngine {
  private readonly checkpoints = new ProjectionCheckpointRepository();
  private readonly leases: ProjectionLeases;
  private readonly emitter = new EventEmitter();
  private readonly options: Required<Omit<ProjectionEngineOptions, 'logger'>>;
  private readonly logger: NonNullable<ProjectionEngineOptions['logger']>;
  private running = false;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private woken = false;
  private ownersSet = false;
  private readonly known = new Map<string, { checkpoint: Checkpoint; readAt: number }>();
  private unsubscribe: (() => Promise<void>) | undefined;
  /** Batches read ahead by the last run, by the position and size of the read that will want them. */
  private readAhead: ReadAhead = new Map();

  constructor(
    private readonly database: Database,
    private readonly eventStore: EventStore,
    readonly projections: readonly Projection[],
    options: ProjectionEngineOptions = {},
  ) {
    const names = new Set<string>();
    for (const projection of projections) {
      if (!PROJECTION_NAME.test(projection.name)) throw new Error(`Bad projection name: ${projection.name}`);
      if (names.has(projection.name)) throw new Error(`Two projections are named ${projection.name}`);
      names.add(projection.name);
    }
    this.logger = options.logger ?? noLogger;
    this.leases = new ProjectionLeases(database, (names) =>
      this.logger.warn(`${names.join(', ')}: lease lost with its database session; taking it again when possible`),
    );
    this.options = {
      batchSize: options.batchSize ?? 1000,
      rebuildBatchSize: options.rebuildBatchSize ?? 20_000,
      batchesPerRun: options.batchesPerRun ?? 5,
      batchesAhead: options.batchesAhead ?? 2,
      pollIntervalMs: options.pollIntervalMs ?? 500,
      leaseIntervalMs: options.leaseIntervalMs ?? 1000,
      owner: options.owner ?? `${hostname()}:${process.pid}`,
    };
    this.emitter.setMaxListeners(0);
  }

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  projection(name: string): Projection | undefined {
    return this.projections.find((projection) => projection.name === name);
  }

  /** Creates missing checkpoints and asks for a rebuild of each model older than its code. */
  async prepare(): Promise<void> {
    for (const projection of this.projections) {
      await this.checkpoints.ensure(this.db, projection.name, projection.version);
      if (await this.checkpoints.requestRebuildIfOutdated(this.db, projection.name, projection.version)) {
        this.logger.log(`${projection.name}: its code is version ${projection.version}; rebuilding`);
      }
    }
  }

  /** Starts following the log in the background. */
  async start(): Promise<void> {
    if (this.running) return;
    await this.prepare();
    this.running = true;
    this.stopped = false;
    this.unsubscribe = await this.eventStore.onAppended(() => this.nudge());
    this.loop = this.run();
  }

  /** Stops the loop (if started) and gives up the leases. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.readAhead.clear();
    if (this.running) {
      this.running = false;
      this.nudge();
      await this.loop;
      await this.unsubscribe?.();
    }
    await this.leases.close();
  }

  /** Makes the loop read its checkpoints again and look at the log now (after an admin action). */
  wake(): void {
    this.known.clear();
    this.nudge();
  }

  private nudge(): void {
    this.woken = true;
    this.emitter.emit('nudged');
  }

  /** Resolves on the next append notification (or admin action, or end of a run's rebuilds), or after `ms`. */
  private nudged(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.emitter.off('nudged', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.emitter.on('nudged', done);
    });
  }

  /** Calls the listener whenever a projection's position moves in this process. */
  onAdvanced(listener: (name: string) => void): () => void {
    this.emitter.on('advanced', listener);
    return () => this.emitter.off('advanced', listener);
  }

  /** One step of each projection this process holds (one batch); true if any of them did work. */
  async runOnce(): Promise<boolean> {
    return this.runFor(1);
  }

  /**
   * Steps the projections this process holds, side by side, each on its own connection from the pool, until
   * each has no more work or has applied `batches` batches. A projection takes its next step as soon as its
   * last one has committed, without waiting for the others: this process applies one projection's batch while
   * the database writes another's. Those that read the log together (`LogWalks`) end the run at one position,
   * so the next run reads for them together again. True if any of them did work.
   */
  private async runFor(batches: number): Promise<boolean> {
    const held = this.projections.filter((projection) => this.leases.holds(projection.name));
    const plans = await Promise.all(
      held.map(async (projection) => ({ projection, checkpoint: await this.checkpointOf(projection) })),
    );
    const starts = plans.flatMap(({ projection, checkpoint }) => this.walkStarts(projection, checkpoint));
    const rebuilds = new Set(
      plans
        .filter(({ projection, checkpoint }) => rebuildingFrom(projection, checkpoint))
        .map((plan) => plan.projection),
    );
    // Only rebuilds walk several batches a run: a run lasts as long as its slowest projection, and a projection
    // that follows the live log should not wait for another's batches to read the next events.
    const walks = new LogWalks(
      this.eventStore,
      starts,
      new Set(this.projections.flatMap((projection) => projection.streamTypes)),
      this.readAhead,
      this.options.batchesAhead,
      rebuilds.size > 0 ? batches : 1,
    );
    let rebuilding = rebuilds.size;
    const outcomes = await Promise.allSettled(
      plans.map(async ({ projection, checkpoint }) => {
        // Its reader on a walk of the log in this run; without one (a rebuild that just began) it takes one step.
        let current = checkpoint;
        let readers = this.walkStarts(projection, current).map((start) => start.reader);
        const rebuilder = rebuilds.has(projection);
        let worked = false;
        try {
          for (;;) {
            if (!(await this.step(projection, current, walks.read))) {
              // While others rebuild, one that follows the live log waits here for the next events.
              if (rebuilder || rebuilding === 0 || readers.length === 0) return worked;
              if (this.stopped || !this.leases.holds(projection.name)) return worked;
              await this.nudged(this.options.pollIntervalMs);
            } else {
              worked = true;
              if (this.stopped || !this.leases.holds(projection.name)) return worked;
              if (rebuilder ? walks.done(readers) : rebuilding === 0 && walks.done(readers)) return worked;
            }
            current = await this.checkpointOf(projection);
            // A reader that ended (a rebuild swapped in) leaves its walk: the others do not wait for it. A new
            // one (a rebuild that began, or the follower after it) waits for the next run, which puts it on a walk.
            const now = this.walkStarts(projection, current).map((start) => start.reader);
            for (const reader of readers) if (!now.includes(reader)) walks.leave(reader);
            if (now.some((reader) => !readers.includes(reader))) return worked;
            readers = now;
          }
        } finally {
          for (const reader of readers) walks.leave(reader);
          if (rebuilder && --rebuilding === 0) this.emitter.emit('nudged');
        }
      }),
    );
    const readAhead = walks.close();
    if (this.stopped) readAhead.clear();
    this.readAhead = readAhead;
    for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
    return outcomes.some((outcome) => outcome.status === 'fulfilled' && outcome.value);
  }

  /**
   * Where a projection walks the log from: its rebuild's position while it rebuilds, else its own. While it
   * rebuilds, it follows the log with its old tables alone: one projection's step reads for both, and only one
   * of them can keep pace with a walk.
   */
  private walkStarts(projection: Projection, checkpoint: Checkpoint | null): WalkStart[] {
    if (!checkpoint || checkpoint.paused || checkpoint.failed) return [];
    const streamTypes = projection.streamTypes;
    const after = rebuildingFrom(projection, checkpoint);
    if (after) {
      return [{ reader: readerOf(projection, 'rebuild'), after, limit: this.options.rebuildBatchSize, streamTypes }];
    }
    if (checkpoint.version !== projection.version) return [];
    return [
      {
        reader: readerOf(projection, 'follow'),
        after: checkpoint.position,
        limit: this.options.batchSize,
        streamTypes,
      },
    ];
  }

  /**
   * Runs passes until every projection this process holds has caught up with the log as it is now (tests and
   * tools; the daemon uses `start`). Transactions still running elsewhere hold the fence back for a moment,
   * so it waits for them rather than stopping early.
   */
  async drain(timeoutMs = 30_000): Promise<void> {
    await this.prepare();
    await this.takeLeases();
    const elsewhere = this.projections.filter((projection) => !this.leases.holds(projection.name));
    if (elsewhere.length > 0) {
      throw new Error(`Another process runs ${elsewhere.map((projection) => projection.name).join(', ')}`);
    }
    const head = await this.eventStore.head();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const worked = await this.runFor(this.options.batchesPerRun);
      if (worked) continue;
      const checkpoints = await this.checkpoints.list(
        this.db,
        this.projections.map((p) => p.name),
      );
      const behind = checkpoints.filter(
        (checkpoint) =>
          !checkpoint.paused &&
          !checkpoint.failed &&
          (checkpoint.rebuild !== null || (head !== null && compareLogPositions(checkpoint.position, head) < 0)),
      );
      if (behind.length === 0) return;
      if (Date.now() > deadline)
        throw new Error(`Projections did not catch up: ${behind.map((c) => c.name).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async run(): Promise<void> {
    let nextLeases = 0;
    let failures = 0;
    while (this.running) {
      try {
        if (Date.now() >= nextLeases) {
          await this.takeLeases();
          nextLeases = Date.now() + this.options.leaseIntervalMs;
        }
        const worked = await this.runFor(this.options.batchesPerRun);
        failures = 0;
        if (!worked) await this.sleep(Math.min(this.options.pollIntervalMs, nextLeases - Date.now()));
      } catch (error) {
        failures += 1;
        this.logger.warn(`Projection loop: ${(error as Error).message}; trying again`);
        await this.sleep(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  private async takeLeases(): Promise<void> {
    const taken = await this.leases.acquire(this.projections.map((projection) => projection.name));
    for (const name of taken) {
      await this.checkpoints.setOwner(this.db, name, this.options.owner);
      this.logger.log(`${name}: running in this process (${this.options.owner})`);
    }
    if (this.database.kind === 'pglite' && !this.ownersSet) {
      this.ownersSet = true;
      for (const projection of this.projections) {
        await this.checkpoints.setOwner(this.db, projection.name, this.options.owner);
      }
    }
  }

  private async sleep(ms: number): Promise<void> {
    if (!this.woken && ms > 0) await this.nudged(ms);
    this.woken = false;
  }

  /**
   * The checkpoint as this runner last saw it, read again after a pass interval (to see pauses, rebuild
   * requests and failures set elsewhere) or after anything other than its own plain advance. Correctness does
   * not rest on it: every move is a compare-and-set in the database.
   */
  private async checkpointOf(projection: Projection): Promise<Checkpoint | null> {
    const known = this.known.get(projection.name);
    if (known && Date.now() - known.readAt < this.options.pollIntervalMs) return known.checkpoint;
    const checkpoint = await this.checkpoints.find(this.db, projection.name);
    if (checkpoint) this.known.set(projection.name, { checkpoint, readAt: Date.now() });
    return checkpoint;
  }

  private async step(projection: Projection, checkpoint: Checkpoint | null, read: BatchReader): Promise<boolean> {
    if (!checkpoint || checkpoint.paused || checkpoint.failed) return false;
    let worked = false;
    if (checkpoint.version === projection.version) worked = await this.followLog(projection, checkpoint, read);
    if (checkpoint.rebuild?.version === projection.version) {
      this.known.delete(projection.name);
      worked = (await this.rebuildStep(projection, checkpoint, read)) || worked;
    }
    return worked;
  }

  private async followLog(projection: Projection, checkpoint: Checkpoint, read: BatchReader): Promise<boolean> {
    const from = checkpoint.position;
    const batch = await read(readerOf(projection, 'follow'), {
      after: from,
      limit: this.options.batchSize,
      streamTypes: projection.streamTypes,
    });
    const to = batch.next;
    if (!to || compareLogPositions(to, from) <= 0) return false;
    const move = (trx: Kysely<DB>, a: LogPosition, b: LogPosition) =>
      this.checkpoints.advance(trx, projection.name, projection.version, a, b);
    const moved = await this.applyBatch(projection, batch.events, from, to, move, (trx) => trx, false);
    const known = this.known.get(projection.name);
    if (moved && known?.checkpoint === checkpoint) known.checkpoint = { ...checkpoint, position: to };
    else this.known.delete(projection.name);
    return true;
  }

  private async rebuildStep(projection: Projection, checkpoint: Checkpoint, read: BatchReader): Promise<boolean> {
    const version = projection.version;
    const schema = rebuildSchema(projection.name);
    const from = checkpoint.rebuild?.position ?? null;
    if (from === null) {
      return this.inTransaction(async (trx) => {
        if (!(await this.checkpoints.advanceRebuild(trx, projection.name, version, null, LOG_START)))
          throw new LostRace();
        await this.checkpoints.createRebuildTables(trx, schema, projection.tables);
        this.logger.log(`${projection.name}: rebuilding into fresh tables`);
      });
    }
    const batch = await read(readerOf(projection, 'rebuild'), {
      after: from,
      limit: this.options.rebuildBatchSize,
      streamTypes: projection.streamTypes,
    });
    const to = batch.next;
    if (to && compareLogPositions(to, from) > 0) {
      const move = (trx: Kysely<DB>, a: LogPosition | null, b: LogPosition) =>
        this.checkpoints.advanceRebuild(trx, projection.name, version, a, b);
      await this.applyBatch(projection, batch.events, from, to, move, (trx) => trx.withSchema(schema), true);
      return true;
    }
    // Caught up with the log: the copies get their indexes and statistics, and replace the live tables in one
    // transaction.
    await this.checkpoints.prepareRebuildTables(this.db, schema, projection.tables);
    const swapped = await this.inTransaction(async (trx) => {
      if (!(await this.checkpoints.completeRebuild(trx, projection.name, version, from))) throw new LostRace();
      await this.checkpoints.swapInRebuildTables(trx, schema, projection.tables);
    });
    if (swapped) {
      this.logger.log(`${projection.name}: rebuilt up to ${encodeLogPosition(from)} and swapped in`);
      this.emitter.emit('advanced', projection.name);
    }
    return swapped;
  }

  /** Runs `work` in a transaction; false when another runner got there first. */
  private async inTransaction(work: (trx: Kysely<DB>) => Promise<void>): Promise<boolean> {
    try {
      await this.db.transaction().execute(work);
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
  private async applyBatch(
    projection: Projection,
    events: readonly StoredEvent[],
    from: LogPosition,
    to: LogPosition,
    move: (trx: Kysely<DB>, from: LogPosition, to: LogPosition) => Promise<boolean>,
    tables: (trx: Kysely<DB>) => QueryCreator<DB>,
    rebuilding: boolean,
  ): Promise<boolean> {
    const attempt = (a: LogPosition, b: LogPosition, some: readonly StoredEvent[]) =>
      this.inTransaction(async (trx) => {
        if (!(await move(trx, a, b))) throw new LostRace();
        if (some.length > 0) await projection.apply(tables(trx), some);
      });
    try {
      const moved = await attempt(from, to, events);
      if (moved) this.emitter.emit('advanced', projection.name);
      return moved;
    } catch (error) {
      if (isTransient(error)) throw error;
      if (events.length === 1) {
        await this.fail(projection, events[0], error, rebuilding);
        return false;
      }
    }
    let at = from;
    for (const event of events) {
      try {
        if (!(await attempt(at, event.position, [event]))) return false;
      } catch (error) {
        if (isTransient(error)) throw error;
        await this.fail(projection, event, error, rebuilding);
        return false;
      }
      at = event.position;
    }
    if (compareLogPositions(to, at) > 0) await attempt(at, to, []);
    this.emitter.emit('advanced', projection.name);
    return false; // moved one event at a time: read the checkpoint again
  }

  private async fail(
    projection: Projection,
    event: StoredEvent | undefined,
    error: unknown,
    rebuilding: boolean,
  ): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error(
      `${projection.name}: stopped at event ${event ? `${event.type} ${encodeLogPosition(event.position)}` : '?'}: ${message}`,
    );
    await this.checkpoints.markFailed(this.db, projection.name, {
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
