import type { Database } from '#libs/database';
import type { LogPosition } from '#libs/event-store';
import type { Checkpoint, ProjectionCheckpointRepository } from './projection-checkpoint.repository.js';

/**
 * Each projection's checkpoint as this runner last saw it, read again after a pass interval (to see pauses,
 * rebuild requests and failures set elsewhere) or after anything other than its own plain advance.
 * Correctness does not rest on it: every move is a compare-and-set in the database.
 */
export class KnownCheckpoints {
  private readonly known = new Map<string, { checkpoint: Checkpoint; readAt: number }>();

  constructor(
    private readonly database: Database,
    private readonly checkpoints: ProjectionCheckpointRepository,
    private readonly maxAgeMs: number,
  ) {}

  async of(name: string): Promise<Checkpoint | null> {
    const known = this.known.get(name);
    if (known && Date.now() - known.readAt < this.maxAgeMs) return known.checkpoint;
    const checkpoint = await this.checkpoints.find(this.database.db, name);
    if (checkpoint) this.known.set(name, { checkpoint, readAt: Date.now() });
    return checkpoint;
  }

  /** Its own plain advance from `seen` to `to`: kept, unless the checkpoint was read again meanwhile. */
  advanced(name: string, seen: Checkpoint, to: LogPosition): void {
    const known = this.known.get(name);
    if (known?.checkpoint === seen) known.checkpoint = { ...seen, position: to };
    else this.known.delete(name);
  }

  /** Read it again next time. */
  forget(name: string): void {
    this.known.delete(name);
  }

  /** Read them all again next time (after an admin action). */
  clear(): void {
    this.known.clear();
  }
}
