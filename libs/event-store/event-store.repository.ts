import type { DB } from '#libs/database';
import { type Kysely, sql } from 'kysely';
import type { EventMetadata, ExpectedVersion, IdempotencyKey } from './event-store.types.js';

/** One event ready to insert; `i` is its 1-based place in the append. */
export interface EventRow {
  i: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  occurred_at: string | null;
}

export interface StoredEventRow {
  global_position: number;
  transaction_id: string;
  event_id: string;
  stream_id: string;
  stream_type: string;
  version: number;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  occurred_at: Date;
  recorded_at: Date;
}

export interface AppendedRow {
  version: number | null;
  global_position: number | null;
  transaction_id: string;
  appended: number;
}

/** The first key of the stream locks; other advisory locks of the service use other classes. */
const STREAM_LOCK_CLASS = 1;

const eventColumns = sql`global_position, transaction_id::text as transaction_id, event_id, stream_id, stream_type,
  version, type, schema_version, data, metadata, occurred_at, recorded_at`;

/** All SQL of the event store. Every method is one statement, so an append is one round trip. */
export class EventStoreRepository {
  /**
   * Moves the stream's version and inserts the events in ONE statement (one implicit transaction): the
   * stream row's lock serialises writers of a stream, and a stale expected version inserts nothing.
   */
  async append(
    db: Kysely<DB>,
    streamId: string,
    streamType: string,
    expected: ExpectedVersion,
    events: readonly EventRow[],
    idempotency: IdempotencyKey | undefined,
  ): Promise<AppendedRow> {
    const count = events.length;
    const stream =
      typeof expected === 'number' && expected > 0
        ? sql`update streams set version = version + ${count}, updated_at = clock_timestamp()
              where stream_id = ${streamId} and version = ${expected}
              returning version`
        : expected === 'any'
          ? sql`insert into streams as s (stream_id, stream_type, version) values (${streamId}, ${streamType}, ${count})
                on conflict (stream_id) do update set version = s.version + ${count}, updated_at = clock_timestamp()
                returning version`
          : sql`insert into streams (stream_id, stream_type, version) values (${streamId}, ${streamType}, ${count})
                on conflict (stream_id) do nothing
                returning version`;
    const remember = idempotency
      ? sql`, remembered as (
          insert into idempotency_keys (scope, key, request_hash, stream_id, version, global_position, transaction_id)
          select ${idempotency.scope}, ${idempotency.key}, ${idempotency.requestHash}, ${streamId},
                 max(version), max(global_position), pg_current_xact_id()
          from appended having count(*) > 0
        )`
      : sql``;
    const { rows } = await sql<AppendedRow>`
      with stream as (${stream}),
      appended as (
        insert into events (event_id, stream_id, stream_type, version, type, schema_version, data, metadata,
                            occurred_at, recorded_at)
        select e.event_id, ${streamId}, ${streamType}, stream.version - ${count}::int + e.i, e.type, e.schema_version,
               e.data, e.metadata, coalesce(e.occurred_at, clock.now), clock.now
        from stream, (select clock_timestamp() as now) clock,
             jsonb_to_recordset(${JSON.stringify(events)}::jsonb)
               as e(i int, event_id uuid, type text, schema_version int, data jsonb, metadata jsonb, occurred_at timestamptz)
        order by e.i
        returning global_position, version
      )${remember}
      select max(version) as version, max(global_position) as global_position,
             pg_current_xact_id()::text as transaction_id, count(*)::int as appended
      from appended`.execute(db);
    const row = rows[0];
    if (!row) throw new Error('append returned no row');
    return row;
  }

  /**
   * Serialises appenders of one stream within their transactions. An advisory lock is taken before the
   * transaction gets its id, so a writer that waited always gets a later transaction id than the one it
   * waited for, and the global log's (transaction id, position) order keeps each stream's version order.
   */
  async lockStream(db: Kysely<DB>, streamId: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(${STREAM_LOCK_CLASS}, hashtext(${streamId}))`.execute(db);
  }

  async streamVersion(db: Kysely<DB>, streamId: string): Promise<number | null> {
    const row = await db
      .selectFrom('streams')
      .select('version')
      .where('stream_id', '=', streamId)
      .executeTakeFirst();
    return row?.version ?? null;
  }

  async findIdempotencyKey(db: Kysely<DB>, scope: string, key: string) {
    return db
      .selectFrom('idempotency_keys')
      .select([
        'request_hash',
        'stream_id',
        'version',
        'global_position',
        sql<string>`transaction_id::text`.as('transaction_id'),
      ])
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirst();
  }

  async readStream(
    db: Kysely<DB>,
    streamId: string,
    afterVersion: number,
    toVersion: number | null,
    recordedUntil: Date | null,
  ): Promise<StoredEventRow[]> {
    const { rows } = await sql<StoredEventRow>`
      select ${eventColumns} from events
      where stream_id = ${streamId} and version > ${afterVersion}
        and (${toVersion}::int is null or version <= ${toVersion}::int)
        and (${recordedUntil}::timestamptz is null
             or recorded_at < ${recordedUntil}::timestamptz + interval '1 millisecond') -- clients speak milliseconds
      order by version`.execute(db);
    return rows;
  }

  /**
   * The global log after a position, never past a transaction that may still commit: only transactions
   * older than the oldest one still running are read, in (transaction id, position) order.
   */
  async readAll(
    db: Kysely<DB>,
    afterTransactionId: string,
    afterPosition: number,
    limit: number,
  ): Promise<StoredEventRow[]> {
    const { rows } = await sql<StoredEventRow>`
      select ${eventColumns} from events
      where (transaction_id, global_position) > (${afterTransactionId}::xid8, ${afterPosition}::bigint)
        and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      order by transaction_id, global_position
      limit ${limit}`.execute(db);
    return rows;
  }
}
