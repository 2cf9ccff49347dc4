import type pg from 'pg';

/**
 * The baseline every bench case is measured against: plain `pg` statements on tables with the events
 * table's columns, so `ratio_to_raw` shows what the event store's guarantees cost on the same machine.
 */
export class RawBaselineRepository {
  constructor(private readonly pool: pg.Pool) {}

  async createTables(): Promise<void> {
    const columns = `
      global_position bigint generated always as identity primary key,
      transaction_id xid8 not null default pg_current_xact_id(),
      event_id uuid not null,
      stream_id text not null,
      stream_type text not null,
      version integer not null,
      type text not null,
      schema_version integer not null default 1,
      data jsonb not null,
      metadata jsonb not null,
      occurred_at timestamptz not null default clock_timestamp(),
      recorded_at timestamptz not null default clock_timestamp()`;
    await this.pool.query(`create table raw_events (${columns})`);
    // Reads get the index a plain table of events would have for them.
    await this.pool.query(`create table raw_read_events (${columns})`);
    await this.pool.query('create index on raw_read_events (stream_id, version)');
  }

  async insertOne(streamId: string, version: number, data: string, metadata: string): Promise<void> {
    await this.pool.query(
      `insert into raw_events (event_id, stream_id, stream_type, version, type, data, metadata)
       values (gen_random_uuid(), $1, 'Bench', $2, 'IndicatorScored', $3, $4)`,
      [streamId, version, data, metadata],
    );
  }

  /** One multi-row INSERT, every row with its own parameters, as a plain client would send a batch. */
  async insertMany(
    streamId: string,
    fromVersion: number,
    count: number,
    data: string,
    metadata: string,
  ): Promise<void> {
    const rows: string[] = [];
    const values: unknown[] = [];
    for (let i = 1; i <= count; i++) {
      const p = values.length;
      rows.push(`(gen_random_uuid(), $${p + 1}, 'Bench', $${p + 2}, 'IndicatorScored', $${p + 3}, $${p + 4})`);
      values.push(streamId, fromVersion + i, data, metadata);
    }
    await this.pool.query(
      `insert into raw_events (event_id, stream_id, stream_type, version, type, data, metadata) values ${rows.join(', ')}`,
      values,
    );
  }

  /** Copies the event store's rows, so both reads scan the same data. */
  async copyEventsForReading(): Promise<void> {
    await this.pool.query(
      `insert into raw_read_events (event_id, stream_id, stream_type, version, type, data, metadata, occurred_at)
       select event_id, stream_id, stream_type, version, type, data, metadata, occurred_at from events order by global_position`,
    );
    await this.pool.query('analyze raw_read_events');
    await this.pool.query('analyze events');
  }

  async readStream(streamId: string): Promise<number> {
    const { rowCount } = await this.pool.query(
      `select global_position, event_id, stream_id, stream_type, version, type, schema_version, data, metadata,
              occurred_at, recorded_at
       from raw_read_events where stream_id = $1 order by version`,
      [streamId],
    );
    return rowCount ?? 0;
  }

  async readAfter(globalPosition: number, limit: number): Promise<{ count: number; last: number }> {
    const { rows } = await this.pool.query<{ global_position: number }>(
      `select global_position, transaction_id::text, event_id, stream_id, stream_type, version, type, schema_version,
              data, metadata, occurred_at, recorded_at
       from raw_read_events where global_position > $1 order by global_position limit $2`,
      [globalPosition, limit],
    );
    return { count: rows.length, last: rows.at(-1)?.global_position ?? globalPosition };
  }

  /** The log read a caught-up reader makes, fenced as before the appenders' lock: at the cluster's xmin. */
  async readLogAtClusterXmin(
    after: { transactionId: string; globalPosition: number },
    limit: number,
  ): Promise<{ global_position: number }[]> {
    const { rows } = await this.pool.query<{ global_position: number }>(
      `select global_position, transaction_id::text as transaction_id, event_id, stream_id, stream_type, version,
              type, schema_version, data, metadata, occurred_at, recorded_at from events
       where (transaction_id, global_position) > ($1::xid8, $2::bigint)
         and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       order by events.transaction_id, events.global_position limit $3`,
      [after.transactionId, after.globalPosition, limit],
    );
    return rows;
  }
}
