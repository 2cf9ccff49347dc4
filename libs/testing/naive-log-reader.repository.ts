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
}
