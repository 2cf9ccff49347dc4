import type { DB } from '#libs/database';
import { compareLogPositions, type LogPosition } from '#libs/event-store';
import type { Kysely } from 'kysely';
import type { BatchReader } from './log-walks.js';
import type { BatchApplier } from './projection-batch-applier.js';
import type { Checkpoint, ProjectionCheckpointRepository } from './projection-checkpoint.repository.js';
import type { KnownCheckpoints } from './projection-known-checkpoints.js';
import { type Duties, type ProjectionReads, readerOf } from './projection-reads.js';
import type { ProjectionRebuilder } from './projection-rebuilder.js';
import type { Projection } from './projection.js';

/** One step of a projection: its next batch of the live log, and its rebuild's next step while it rebuilds. */
export class ProjectionSteps {
  constructor(
    private readonly checkpoints: ProjectionCheckpointRepository,
    private readonly known: KnownCheckpoints,
    private readonly reads: ProjectionReads,
    private readonly applier: BatchApplier,
    private readonly rebuilder: ProjectionRebuilder,
  ) {}

  /** True if it did work. */
  async step(
    projection: Projection,
    checkpoint: Checkpoint | null,
    read: BatchReader,
    duties: Duties,
  ): Promise<boolean> {
    if (!checkpoint || checkpoint.paused || checkpoint.failed) return false;
    let worked = false;
    if (duties.follow && checkpoint.version === projection.version) {
      worked = await this.follow(projection, checkpoint, read);
    }
    if (duties.rebuild && checkpoint.rebuild?.version === projection.version) {
      this.known.forget(projection.name);
      worked = (await this.rebuilder.step(projection, checkpoint, read)) || worked;
    }
    return worked;
  }

  private async follow(projection: Projection, checkpoint: Checkpoint, read: BatchReader): Promise<boolean> {
    const from = checkpoint.position;
    const batch = await read(readerOf(projection, 'follow'), this.reads.follow(projection, from));
    const to = batch.next;
    if (!to || compareLogPositions(to, from) <= 0) return false;
    const move = (trx: Kysely<DB>, a: LogPosition, b: LogPosition) =>
      this.checkpoints.advance(trx, projection.name, projection.version, a, b);
    const moved = await this.applier.apply(projection, batch.events, from, to, move, (trx) => trx, false);
    if (moved) this.known.advanced(projection.name, checkpoint, to);
    else this.known.forget(projection.name);
    return true;
  }
}
