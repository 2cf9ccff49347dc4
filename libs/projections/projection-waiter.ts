import { type Database, withTimeout } from '#libs/database';
import { compareLogPositions, encodeLogPosition, type LogPosition } from '#libs/event-store';
import { ProjectionCheckpointRepository } from './projection-checkpoint.repository.js';
import type { ProjectionEngine } from './projection-engine.js';

/** The projections a read depends on did not reach the position it asked for in time. */
export class ProjectionsBehindError extends Error {
  readonly code = 'projections_behind';
  constructor(
    readonly position: string,
    readonly behind: readonly string[],
  ) {
    super(`The read models (${behind.join(', ')}) have not reached position ${position} yet; try again shortly`);
  }
}

const POLL_MS = 15;

/** How long a read that asks for a position waits for the read models to pass it (then 503). */
export const READ_YOUR_WRITES_WAIT_MS = 5000;

/**
 * Read-your-writes: waits until projections have passed a log position. Positions are read from the
 * checkpoints (other processes may run the projections); this process's engine wakes the wait early.
 */
export class ProjectionWaiter {
  private readonly checkpoints = new ProjectionCheckpointRepository();

  constructor(
    private readonly database: Database,
    private readonly engine: ProjectionEngine,
  ) {}

  /**
   * Resolves once every named projection's checkpoint in `on` (the primary unless a read replica is named: its
   * checkpoints replicate with its read models) has passed `position`; ProjectionsBehindError after `timeoutMs`.
   */
  async waitFor(
    names: readonly string[],
    position: LogPosition,
    timeoutMs = READ_YOUR_WRITES_WAIT_MS,
    on: Database = this.database,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let wake: (() => void) | undefined;
    const off = this.engine.onAdvanced((name) => {
      if (names.includes(name)) wake?.();
    });
    try {
      for (;;) {
        // A database that stops answering must not hold the wait past its deadline.
        const reached = await withTimeout(
          this.checkpoints.list(on.db, names),
          // At least one poll's time: with no wait at all (READ_REPLICA_WAIT_MS=0) the checkpoints are still read once.
          Math.max(deadline - Date.now(), POLL_MS),
          () => new ProjectionsBehindError(encodeLogPosition(position), names),
        );
        const behind = names.filter((name) => {
          const checkpoint = reached.find((found) => found.name === name);
          return !checkpoint || compareLogPositions(checkpoint.position, position) < 0;
        });
        if (behind.length === 0) return;
        const left = deadline - Date.now();
        if (left <= 0) throw new ProjectionsBehindError(encodeLogPosition(position), behind);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(POLL_MS, left));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    } finally {
      off();
    }
  }
}
