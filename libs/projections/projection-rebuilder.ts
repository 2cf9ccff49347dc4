import type { Database, DB } from '#libs/database';
import { compareLogPositions, encodeLogPosition, LOG_START, type LogPosition } from '#libs/event-store';
import type { Kysely } from 'kysely';
import type { BatchReader } from './log-walks.js';
import { type BatchApplier, LostRace } from './projection-batch-applier.js';
import {
  type Checkpoint,
  type ProjectionCheckpointRepository,
  rebuildSchema,
} from './projection-checkpoint.repository.js';
import type { ProjectionLogger } from './projection-engine.js';
import { type ProjectionReads, readerOf } from './projection-reads.js';
import type { AdvanceSignal } from './projection-signals.js';
import type { Projection } from './projection.js';

/** Rebuilds a projection into fresh tables, one step at a time, and swaps them in once caught up with the log. */
export class ProjectionRebuilder {
  constructor(
    private readonly database: Database,
    private readonly checkpoints: ProjectionCheckpointRepository,
    private readonly reads: ProjectionReads,
    private readonly applier: BatchApplier,
    private readonly advanced: AdvanceSignal,
    private readonly logger: ProjectionLogger,
  ) {}

  /** Creates the fresh tables, applies the next batch to them, or swaps them in; true if it did work. */
  async step(projection: Projection, checkpoint: Checkpoint, read: BatchReader): Promise<boolean> {
    const version = projection.version;
    const schema = rebuildSchema(projection.name);
    const from = checkpoint.rebuild?.position ?? null;
    if (from === null) {
      return this.applier.inTransaction(async (trx) => {
        if (!(await this.checkpoints.advanceRebuild(trx, projection.name, version, null, LOG_START)))
          throw new LostRace();
        await this.checkpoints.createRebuildTables(trx, schema, projection.tables, projection.readsBy ?? []);
        this.logger.log(`${projection.name}: rebuilding into fresh tables`);
      });
    }
    const batch = await read(readerOf(projection, 'rebuild'), this.reads.rebuild(projection, from));
    const to = batch.next;
    if (to && compareLogPositions(to, from) > 0) {
      const move = (trx: Kysely<DB>, a: LogPosition | null, b: LogPosition) =>
        this.checkpoints.advanceRebuild(trx, projection.name, version, a, b);
      await this.applier.apply(projection, batch.events, from, to, move, (trx) => trx.withSchema(schema), true);
      return true;
    }
    // Caught up with the log: the copies get their indexes and statistics, and replace the live tables in one
    // transaction.
    await this.checkpoints.prepareRebuildTables(this.database.db, schema, projection.tables);
    const swapped = await this.applier.inTransaction(async (trx) => {
      // Alone: no batch of this projection is between its checkpoint and its tables meanwhile.
      await this.checkpoints.lockForSwap(trx, projection.name);
      await this.checkpoints.swapInRebuildTables(trx, schema, projection.tables);
      if (!(await this.checkpoints.completeRebuild(trx, projection.name, version, from))) throw new LostRace();
    });
    if (swapped) {
      this.logger.log(`${projection.name}: rebuilt up to ${encodeLogPosition(from)} and swapped in`);
      this.advanced.emit(projection.name);
    }
    return swapped;
  }
}
