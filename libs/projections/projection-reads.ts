import type { EventStore, LogPosition, ReadBatchOptions } from '#libs/event-store';
import type { Checkpoint } from './projection-checkpoint.repository.js';
import { LogWalks, type ReadAhead, type WalkStart } from './log-walks.js';
import type { Projection } from './projection.js';

/** A projection's reader of the log: following it with its live tables, or rebuilding its copies. */
export const readerOf = (projection: Projection, mode: 'follow' | 'rebuild'): string => `${projection.name}@${mode}`;

/** Where a projection's rebuild has reached, if it rebuilds (for its code's version) and has begun to read. */
export function rebuildingFrom(projection: Projection, checkpoint: Checkpoint | null): LogPosition | null {
  const rebuild = checkpoint?.rebuild;
  return rebuild?.version === projection.version && !checkpoint?.paused && !checkpoint?.failed
    ? rebuild.position
    : null;
}

/** What this process does with a projection now: follow the live log, rebuild it, or both. */
export interface Duties {
  follow: boolean;
  rebuild: boolean;
}

export interface ReadSizes {
  /** Events per batch while following the log. */
  batchSize: number;
  /** Events per batch while rebuilding. */
  rebuildBatchSize: number;
  /** Batches a walk of the log holds (read ahead, or being applied). */
  batchesAhead: number;
}

/**
 * How the projections read the log: each reader's batches, the walks that read them together in a run, and
 * the batches one run read ahead for the next.
 */
export class ProjectionReads {
  /** Batches read ahead by the last run, by the position and size of the read that will want them. */
  private readAhead: ReadAhead = new Map();

  constructor(
    private readonly eventStore: EventStore,
    private readonly projections: readonly Projection[],
    private readonly sizes: ReadSizes,
  ) {}

  /** A follower's read of the log after `after`. */
  follow(projection: Projection, after: LogPosition): ReadBatchOptions {
    return { after, limit: this.sizes.batchSize, streamTypes: projection.streamTypes };
  }

  /** A rebuild's read of the log after `after`. */
  rebuild(projection: Projection, after: LogPosition): ReadBatchOptions {
    return { after, limit: this.sizes.rebuildBatchSize, streamTypes: projection.streamTypes };
  }

  /**
   * Where a projection walks the log from: its rebuild's position while it rebuilds here, else its own. While
   * it rebuilds here, it follows the log with its old tables alone: one projection's step reads for both, and
   * only one of them can keep pace with a walk.
   */
  starts(projection: Projection, checkpoint: Checkpoint | null, duties: Duties): WalkStart[] {
    if (!checkpoint || checkpoint.paused || checkpoint.failed) return [];
    const streamTypes = projection.streamTypes;
    const after = duties.rebuild ? rebuildingFrom(projection, checkpoint) : null;
    if (after) {
      return [{ reader: readerOf(projection, 'rebuild'), after, limit: this.sizes.rebuildBatchSize, streamTypes }];
    }
    if (!duties.follow || checkpoint.version !== projection.version) return [];
    return [
      {
        reader: readerOf(projection, 'follow'),
        after: checkpoint.position,
        limit: this.sizes.batchSize,
        streamTypes,
      },
    ];
  }

  /** The walks of one run, `length` batches long, taking what the last run read ahead. */
  open(starts: readonly WalkStart[], length: number): LogWalks {
    return new LogWalks(
      this.eventStore,
      starts,
      new Set(this.projections.flatMap((projection) => projection.streamTypes)),
      this.readAhead,
      this.sizes.batchesAhead,
      length,
    );
  }

  /** Ends a run's walks: what they read ahead waits for the next run, unless the engine stops. */
  close(walks: LogWalks, stopped: boolean): void {
    const readAhead = walks.close();
    if (stopped) readAhead.clear();
    this.readAhead = readAhead;
  }

  /** Drops what was read ahead. */
  clear(): void {
    this.readAhead.clear();
  }
}
