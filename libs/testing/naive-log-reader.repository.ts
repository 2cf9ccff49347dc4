import type { DB } from '#libs/database';
import { type Kysely, sql } from 'kysely';

/**
 * A test double of the WRONG way to follow the log: by global position alone. Sequence values are taken
 * at insert, not at commit, so it passes over a transaction that commits after a later one.
 */
export class NaiveLogReaderRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async readAfter(globalPosition: number, limit: number): Promise<{ global_position: number; event_id: string }[]> {
    const { rows } = await sql<{ global_position: number; event_id: string }>`
      select global_position, event_id from events
      where global_position > ${globalPosition}
      order by global_position
      limit ${limit}`.execute(this.db);
    return rows;
  }

  /**
   * Two wrong fences on (transaction id, position): the cluster's oldest running transaction (gap-safe but
   * stalled by any transaction anywhere), and the snapshot's xmax (never stalled, but it passes over an
   * appender still running).
   */
  async readFenced(
    fence: 'cluster_xmin' | 'xmax',
    after: { transactionId: string; globalPosition: number },
  ): Promise<{ transaction_id: string; global_position: number; event_id: string }[]> {
    const bound =
      fence === 'cluster_xmin'
        ? sql`pg_snapshot_xmin(pg_current_snapshot())`
        : sql`pg_snapshot_xmax(pg_current_snapshot())`;
    const { rows } = await sql<{ transaction_id: string; global_position: number; event_id: string }>`
      select transaction_id::text as transaction_id, global_position, event_id from events
      where (transaction_id, global_position) > (${after.transactionId}::xid8, ${after.globalPosition}::bigint)
        and transaction_id < ${bound}
      order by events.transaction_id, events.global_position`.execute(this.db);
    return rows;
  }
}
