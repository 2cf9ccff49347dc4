import { hostname } from 'node:os';
import type { Database } from '#libs/database';
import { compareLogPositions, type EventStore } from '#libs/event-store';
import { BatchApplier } from './projection-batch-applier.js';
import { missingIndexMessage, ProjectionCheckpointRepository } from './projection-checkpoint.repository.js';
import { KnownCheckpoints } from './projection-known-checkpoints.js';
import { LeaseKeeper, type ProjectionRole } from './projection-lease-keeper.js';
import { LiveRun } from './projection-live-run.js';
import { ProjectionPasses } from './projection-passes.js';
import { ProjectionReads } from './projection-reads.js';
import { ProjectionRebuilder } from './projection-rebuilder.js';
import { AdvanceSignal, WakeSignal } from './projection-signals.js';
import { ProjectionSteps } from './projection-steps.js';
import { type Projection, PROJECTION_NAME } from './projection.js';

export interface ProjectionLogger {
  log(message: string): void;
  warn(message: string): void;
  /** A message, or a log line's fields with its message as `msg`. */
  error(message: string | { msg: string; [field: string]: unknown }): void;
}

export interface ProjectionEngineOptions {
  /** Events per batch while following the log. */
  batchSize?: number;
  /** Events per batch while rebuilding: larger costs memory, and live followers wait behind a rebuild's batch. */
  rebuildBatchSize?: number;
  /**
   * How many batches the projections step on without waiting for each other (one applies its next batch
   * while the database writes another's) before they line up at one position again and the leases are
   * looked at.
   */
  batchesPerRun?: number;
  /**
   * How many batches a walk of the log holds (read ahead, or being applied): one more than how far the fastest
   * projection gets ahead of the slowest, which bounds a rebuild's memory.
   */
  batchesAhead?: number;
  /** How often to look at the log when no notification came (the fallback to LISTEN/NOTIFY). */
  pollIntervalMs?: number;
  /**
   * After a run that found events, how long the next waits for more to gather (0: it reads at once). Under a
   * steady write load each batch then holds more events, and a batch's fixed cost (the log's read, a
   * transaction and a checkpoint per projection) is shared by more of them; the first event after a quiet
   * spell is read at once.
   */
  gatherMs?: number;
  /** How often to try to take the leases other processes do not hold (takeover after a holder died). */
  leaseIntervalMs?: number;
  /** Shown as the runner of the projections this process holds. */
  owner?: string;
  /** Run only these projections (empty or absent: all); other processes run the rest. */
  only?: readonly string[];
  /**
   * Follow the live log, rebuild, or both (the default). The worker follows and leaves the rebuilds to a
   * process of its own, so that a rebuild's batches never hold up the live projections' event loop.
   */
  role?: ProjectionRole;
  logger?: ProjectionLogger;
}

/** Chosen by the bench (`http_command_c32`'s worker CPU per event against `projection_lag_under_load`). */
export const DEFAULT_GATHER_MS = 10;

const noLogger: ProjectionLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Runs projections: reads the log gap-safely from each checkpoint, applies a batch and moves the checkpoint in
 * one transaction (compare-and-set on the old position, so a crash neither skips nor repeats and two runners
 * never both apply a batch), isolates the event a failing batch stops at, and rebuilds into fresh tables.
 */
export class ProjectionEngine {
  private readonly checkpoints = new ProjectionCheckpointRepository();
  private readonly options: Required<Omit<ProjectionEngineOptions, 'logger'>>;
  private readonly logger: ProjectionLogger;
  private readonly wakeSignal = new WakeSignal();
  private readonly advanced = new AdvanceSignal();
  private readonly leases: LeaseKeeper;
  private readonly known: KnownCheckpoints;
  private readonly reads: ProjectionReads;
  private readonly passes: ProjectionPasses;
  private readonly live: LiveRun;

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
    const unknown = (options.only ?? []).filter((name) => !names.has(name));
    if (unknown.length > 0) throw new Error(`No projection is named ${unknown.join(', ')}`);
    const run = options.only?.length ? [...names].filter((name) => options.only!.includes(name)) : [...names];
    this.logger = options.logger ?? noLogger;
    this.options = {
      batchSize: options.batchSize ?? 1000,
      rebuildBatchSize: options.rebuildBatchSize ?? 5_000,
      batchesPerRun: options.batchesPerRun ?? 5,
      batchesAhead: options.batchesAhead ?? 2,
      pollIntervalMs: options.pollIntervalMs ?? 500,
      // A rebuild process has no live load to gather: its runs are full batches already.
      gatherMs: options.role === 'rebuild' ? 0 : (options.gatherMs ?? DEFAULT_GATHER_MS),
      leaseIntervalMs: options.leaseIntervalMs ?? 1000,
      owner: options.owner ?? `${hostname()}:${process.pid}`,
      only: run,
      role: options.role ?? 'all',
    };
    const { checkpoints, advanced, logger } = this;
    this.leases = new LeaseKeeper(database, checkpoints, run, this.options.owner, logger, this.options.role);
    this.known = new KnownCheckpoints(database, checkpoints, this.options.pollIntervalMs);
    this.reads = new ProjectionReads(eventStore, projections, this.options);
    const applier = new BatchApplier(database, checkpoints, advanced, logger);
    const rebuilder = new ProjectionRebuilder(database, checkpoints, this.reads, applier, advanced, logger);
    const steps = new ProjectionSteps(checkpoints, this.known, this.reads, applier, rebuilder);
    this.passes = new ProjectionPasses(
      projections,
      this.leases,
      this.known,
      this.reads,
      steps,
      this.wakeSignal,
      this.options.pollIntervalMs,
      () => this.live.stopped,
    );
    const work = { takeLeases: () => this.leases.take(), run: () => this.passes.run(this.options.batchesPerRun) };
    this.live = new LiveRun(eventStore, this.wakeSignal, work, this.options, logger);
  }

  projection(name: string): Projection | undefined {
    return this.projections.find((projection) => projection.name === name);
  }

  /**
   * Creates missing checkpoints and asks for a rebuild of each model older than its code. A projection that
   * reads by an index its tables do not have is a fault of the code: the engine does not start.
   */
  async prepare(): Promise<void> {
    for (const projection of this.projections) {
      const missing = await this.checkpoints.missingIndexes(
        this.database.db,
        projection.tables,
        projection.readsBy ?? [],
      );
      if (missing.length > 0) throw new Error(missingIndexMessage(missing, projection.tables));
      await this.checkpoints.ensure(this.database.db, projection.name, projection.version);
      if (await this.checkpoints.requestRebuildIfOutdated(this.database.db, projection.name, projection.version)) {
        this.logger.log(`${projection.name}: its code is version ${projection.version}; rebuilding`);
      }
    }
  }

  /** Starts following the log in the background. */
  start(): Promise<void> {
    return this.live.start(() => this.prepare());
  }

  /** Stops the loop (if started) and gives up the leases. */
  async stop(): Promise<void> {
    this.reads.clear();
    await this.live.stop();
    await this.leases.close();
  }

  /** Makes the loop read its checkpoints again and look at the log now (after an admin action). */
  wake(): void {
    this.known.clear();
    this.wakeSignal.nudge();
  }

  /** Whether this process follows the live log for this projection now (holds its lease). */
  follows(name: string): boolean {
    return this.leases.follows(name);
  }

  /** Calls the listener whenever a projection's position moves in this process. */
  onAdvanced(listener: (name: string) => void): () => void {
    return this.advanced.on(listener);
  }

  /** One step of each projection this process holds (one batch); true if any of them did work. */
  async runOnce(): Promise<boolean> {
    return this.passes.run(1);
  }

  /**
   * Runs passes until every projection this process holds has caught up with the log as it is now (tests and
   * tools; the daemon uses `start`). Transactions still running elsewhere hold the fence back for a moment,
   * so it waits for them rather than stopping early.
   */
  async drain(timeoutMs = 30_000): Promise<void> {
    await this.prepare();
    await this.leases.take();
    const elsewhere = this.projections.filter((projection) => !this.leases.holds(projection.name));
    if (elsewhere.length > 0) {
      throw new Error(`Another process runs ${elsewhere.map((projection) => projection.name).join(', ')}`);
    }
    const head = await this.eventStore.head();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const worked = await this.passes.run(this.options.batchesPerRun);
      if (worked) continue;
      const checkpoints = await this.checkpoints.list(
        this.database.db,
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
}
