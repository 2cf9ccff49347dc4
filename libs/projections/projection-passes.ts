import type { KnownCheckpoints } from './projection-known-checkpoints.js';
import type { LeaseKeeper } from './projection-lease-keeper.js';
import { type Duties, type ProjectionReads, rebuildingFrom } from './projection-reads.js';
import type { WakeSignal } from './projection-signals.js';
import type { ProjectionSteps } from './projection-steps.js';
import type { Projection } from './projection.js';

/** Steps the projections this process holds side by side, a run of batches at a time. */
export class ProjectionPasses {
  constructor(
    private readonly projections: readonly Projection[],
    private readonly leases: LeaseKeeper,
    private readonly known: KnownCheckpoints,
    private readonly reads: ProjectionReads,
    private readonly steps: ProjectionSteps,
    private readonly wake: WakeSignal,
    private readonly pollIntervalMs: number,
    /** The engine is stopping: steps end early and nothing read ahead is kept. */
    private readonly stopped: () => boolean,
  ) {}

  /**
   * Steps the projections this process holds, side by side, each on its own connection from the pool, until
   * each has no more work or has applied `batches` batches. A projection takes its next step as soon as its
   * last one has committed, without waiting for the others: this process applies one projection's batch while
   * the database writes another's. Those that read the log together (`LogWalks`) end the run at one position,
   * so the next run reads for them together again. True if any of them did work.
   */
  async run(batches: number): Promise<boolean> {
    const held = this.projections.filter((projection) => this.leases.holds(projection.name));
    const plans = await Promise.all(
      held.map(async (projection) => ({
        projection,
        checkpoint: await this.known.of(projection.name),
        duties: this.duties(projection.name),
      })),
    );
    const starts = plans.flatMap(({ projection, checkpoint, duties }) =>
      this.reads.starts(projection, checkpoint, duties),
    );
    const rebuilds = new Set(
      plans
        .filter(({ projection, checkpoint, duties }) => duties.rebuild && rebuildingFrom(projection, checkpoint))
        .map((plan) => plan.projection),
    );
    // Only rebuilds walk several batches a run: a run lasts as long as its slowest projection, and a projection
    // that follows the live log should not wait for another's batches to read the next events.
    const walks = this.reads.open(starts, rebuilds.size > 0 ? batches : 1);
    let rebuilding = rebuilds.size;
    const outcomes = await Promise.allSettled(
      plans.map(async ({ projection, checkpoint, duties }) => {
        // Its reader on a walk of the log in this run; without one (a rebuild that just began) it takes one step.
        let current = checkpoint;
        let readers = this.reads.starts(projection, current, duties).map((start) => start.reader);
        const rebuilder = rebuilds.has(projection);
        let worked = false;
        try {
          for (;;) {
            if (!(await this.steps.step(projection, current, walks.read, duties))) {
              // While others rebuild, one that follows the live log waits here for the next events.
              if (rebuilder || rebuilding === 0 || readers.length === 0) return worked;
              if (this.stopped() || !this.leases.holds(projection.name)) return worked;
              await this.wake.wait(this.pollIntervalMs);
            } else {
              worked = true;
              if (this.stopped() || !this.leases.holds(projection.name)) return worked;
              if (rebuilder ? walks.done(readers) : rebuilding === 0 && walks.done(readers)) return worked;
            }
            current = await this.known.of(projection.name);
            // A reader that ended (a rebuild swapped in) leaves its walk: the others do not wait for it. A new
            // one (a rebuild that began, or the follower after it) waits for the next run, which puts it on a walk.
            const now = this.reads.starts(projection, current, duties).map((start) => start.reader);
            for (const reader of readers) if (!now.includes(reader)) walks.leave(reader);
            if (now.some((reader) => !readers.includes(reader))) return worked;
            readers = now;
          }
        } finally {
          for (const reader of readers) walks.leave(reader);
          if (rebuilder && --rebuilding === 0) this.wake.ring();
        }
      }),
    );
    this.reads.close(walks, this.stopped());
    for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
    return outcomes.some((outcome) => outcome.status === 'fulfilled' && outcome.value);
  }

  private duties(name: string): Duties {
    return { follow: this.leases.follows(name), rebuild: this.leases.rebuilds(name) };
  }
}
