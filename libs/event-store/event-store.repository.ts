import { type Database, type DB, CopyRows, copyFromStdin, copyTextValue } from '#libs/database';
import { CompiledQuery, Kysely, sql } from 'kysely';
import { AppendAfterWriteError, InvalidImportError } from './event-store.errors.js';
import type { EventMetadata, ExpectedVersion, IdempotencyKey, ImportedEvent } from './event-store.types.js';

/** One event ready to insert; `i` is its 1-based place in the append. */
export interface EventRow {
  i: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  /** Only where it differs from the append's common metadata. */
  metadata: EventMetadata | null;
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
/**
 * The appenders' lock (class 3, key 0), taken shared by every transaction that appends, before it gets its
 * transaction id and until it ends: it tells the log's readers which running transactions may hold events.
 */
const APPENDER_LOCK = { classId: 3, objectId: 0 } as const;
const takeAppenderLock = `pg_advisory_xact_lock_shared(${APPENDER_LOCK.classId}, ${APPENDER_LOCK.objectId})`;
const isAppenderLock = (alias: string) =>
  sql.raw(`${alias}.locktype = 'advisory' and ${alias}.classid = ${APPENDER_LOCK.classId}
    and ${alias}.objid = ${APPENDER_LOCK.objectId} and ${alias}.objsubid = 2
    and ${alias}.database = (select oid from pg_database where datname = current_database())`);

/**
 * The log's fence, as CTEs \`snap\` and \`fence\`: readers take only transactions below \`fence.xid\`. It is
 * the statement snapshot's xmax, lowered to the oldest transaction still running at the snapshot that
 * may hold events: one whose backend holds the appenders' lock, one without a backend (a prepared
 * transaction), or one the lock table no longer shows (it ended after the snapshot; its events would be
 * invisible to this read). A transaction that holds an
 * id but not the lock (a foreign database's, a read model's batch, a report's) holds nobody back.
 * pg_locks is one consistent picture of the lock table, read after the statement's snapshot was taken.
 */
const logFence = sql`snap as materialized (select pg_current_snapshot() as s),
  held as materialized (
    select l.locktype, l.pid, l.transactionid from pg_locks l
    where (l.locktype = 'transactionid' and l.mode = 'ExclusiveLock' and l.granted) or (${isAppenderLock('l')})
  ),
  fence as materialized (
    select least(pg_snapshot_xmax(snap.s), (
      select min(x) from pg_snapshot_xip(snap.s) x
      where not exists (
        select 1 from held t
        where t.locktype = 'transactionid' and t.transactionid = x::xid and t.pid is not null
          and not exists (select 1 from held a where a.locktype = 'advisory' and a.pid = t.pid))
    )) as xid
    from snap
  )`;

const eventColumns = sql`global_position, transaction_id::text as transaction_id, event_id, stream_id, stream_type,
  version, type, schema_version, data, metadata, occurred_at, recorded_at`;

export type AppendMode = 'expected' | 'any' | 'no_stream';
export type AppendParameter =
  | 'streamId'
  | 'streamType'
  | 'count'
  | 'metadata'
  | 'expectedVersion'
  | 'events'
  | 'eventId'
  | 'type'
  | 'schemaVersion'
  | 'data'
  | 'occurredAt'
  | 'scope'
  | 'key'
  | 'requestHash';

export interface AppendStatement {
  name: string;
  text: string;
  parameters: AppendParameter[];
}

/**
 * The append statement, as constant text: it moves the stream's version and inserts the events (and the
 * idempotency key) in ONE statement, so one implicit transaction and one round trip. The stream row's lock
 * serialises writers of a stream; with a stale expected version it inserts nothing. A single event travels
 * as plain parameters (most commands append one; unpacking a JSON array costs more than the insert).
 * Exported for the bench's bare server (`test/bench/bare-http.ts`), which appends with the same text.
 */
export function appendStatement(mode: AppendMode, idempotent: boolean, single: boolean): AppendStatement {
  const parameters: AppendParameter[] = [];
  const $ = (name: AppendParameter) => {
    if (!parameters.includes(name)) parameters.push(name);
    return `$${parameters.indexOf(name) + 1}`;
  };
  // Every form reads the appenders' lock row first, so the lock is held before the first write gives the
  // transaction its id.
  const streamStatements: Record<AppendMode, () => string> = {
    expected: () => `update streams set version = version + ${$('count')}::int, updated_at = clock_timestamp()
               from appender
               where stream_id = ${$('streamId')} and version = ${$('expectedVersion')}::int
               returning version`,
    any: () => `insert into streams as s (stream_id, stream_type, version)
          select ${$('streamId')}, ${$('streamType')}, ${$('count')}::int from appender
          on conflict (stream_id) do update set version = s.version + ${$('count')}::int, updated_at = clock_timestamp()
          returning version`,
    no_stream: () => `insert into streams (stream_id, stream_type, version)
                select ${$('streamId')}, ${$('streamType')}, ${$('count')}::int from appender
                on conflict (stream_id) do nothing
                returning version`,
  };
  const stream = streamStatements[mode](); // only the chosen one may number parameters
  const source = single
    ? `(select 1 as i, ${$('eventId')}::uuid as event_id, ${$('type')}::text as type,
               ${$('schemaVersion')}::int as schema_version, ${$('data')}::jsonb as data, null::jsonb as metadata,
               ${$('occurredAt')}::timestamptz as occurred_at) e`
    : `jsonb_to_recordset(${$('events')}::jsonb)
         as e(i int, event_id uuid, type text, schema_version int, data jsonb, metadata jsonb, occurred_at timestamptz)`;
  const remember = idempotent
    ? `, remembered as (
        insert into idempotency_keys (scope, key, request_hash, stream_id, version, global_position, transaction_id)
        select ${$('scope')}, ${$('key')}, ${$('requestHash')}, ${$('streamId')}, max(version), max(global_position),
               pg_current_xact_id()
        from appended having count(*) > 0
      )`
    : '';
  const text = `
    with appender as materialized (select ${takeAppenderLock}),
    stream as (${stream}),
    appended as (
      insert into events (event_id, stream_id, stream_type, version, type, schema_version, data, metadata,
                          occurred_at, recorded_at)
      select e.event_id, ${$('streamId')}, ${$('streamType')}, stream.version - ${$('count')}::int + e.i, e.type,
             e.schema_version, e.data, coalesce(e.metadata, ${$('metadata')}::jsonb), coalesce(e.occurred_at, clock.now),
             clock.now
      from stream, (select clock_timestamp() as now) clock, ${source}
      ${single ? '' : 'order by e.i'}
      returning global_position, version
    )${remember}
    select max(version) as version, max(global_position) as global_position,
           pg_current_xact_id()::text as transaction_id, count(*)::int as appended
    from appended`;
  const name = `event_store_append_${mode}${idempotent ? '_idempotent' : ''}${single ? '_single' : ''}`;
  return { name, text, parameters };
}

const APPEND_STATEMENTS = new Map(
  (['expected', 'any', 'no_stream'] as const).flatMap((mode) =>
    [false, true].flatMap((idempotent) =>
      [false, true].map(
        (single) => [`${mode}/${idempotent}/${single}`, appendStatement(mode, idempotent, single)] as const,
      ),
    ),
  ),
);

/** All SQL of the event store. Every method is one statement, so an append is one round trip. */
export class EventStoreRepository {
  /**
   * Appends in one statement: through the pool as a prepared statement, or inside the caller's transaction.
   */
  async append(
    executor: Database | Kysely<DB>,
    streamId: string,
    streamType: string,
    expected: ExpectedVersion,
    events: readonly EventRow[],
    metadata: EventMetadata,
    idempotency: IdempotencyKey | undefined,
  ): Promise<AppendedRow> {
    const mode: AppendMode =
      typeof expected === 'number' && expected > 0 ? 'expected' : expected === 'any' ? 'any' : 'no_stream';
    const [only] = events;
    const single = events.length === 1 && only !== undefined;
    const statement = APPEND_STATEMENTS.get(`${mode}/${Boolean(idempotency)}/${single}`)!;
    const argument: Record<AppendParameter, unknown> = {
      streamId,
      streamType,
      count: events.length,
      metadata: JSON.stringify(single && only.metadata ? only.metadata : metadata),
      expectedVersion: expected,
      events: single ? null : JSON.stringify(events),
      eventId: only?.event_id,
      type: only?.type,
      schemaVersion: only?.schema_version,
      data: single ? JSON.stringify(only.data) : null,
      occurredAt: only?.occurred_at,
      scope: idempotency?.scope,
      key: idempotency?.key,
      requestHash: idempotency?.requestHash,
    };
    const values = statement.parameters.map((name) => argument[name]);
    const rows =
      executor instanceof Kysely
        ? (await executor.executeQuery<AppendedRow>(CompiledQuery.raw(statement.text, values))).rows
        : await executor.prepared<AppendedRow>(statement.name, statement.text, values);
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
    const { rows } = await sql<{ first: boolean }>`
      select pg_current_xact_id_if_assigned() is null
        or coalesce(current_setting('tracker.appending', true), '') = 'on' as first`.execute(db);
    // Refused before the lock and the mark: a retry in the same transaction is refused again.
    if (!rows[0]?.first) throw new AppendAfterWriteError();
    await sql`select ${sql.raw(takeAppenderLock)}, set_config('tracker.appending', 'on', true),
        pg_advisory_xact_lock(${STREAM_LOCK_CLASS}, hashtext(${streamId}))`.execute(db);
  }

  /** Takes a claim for a stream; false when another stream holds it (a concurrent taker waits for the first). */
  async acquireClaim(db: Kysely<DB>, claim: string, streamId: string): Promise<boolean> {
    const taken = await db
      .insertInto('stream_claims')
      .values({ claim, stream_id: streamId })
      .onConflict((oc) => oc.column('claim').doNothing())
      .returning('claim')
      .executeTakeFirst();
    if (taken) return true;
    const holder = await db
      .selectFrom('stream_claims')
      .select('stream_id')
      .where('claim', '=', claim)
      .executeTakeFirst();
    return holder?.stream_id === streamId;
  }

  async releaseClaims(db: Kysely<DB>, claims: readonly string[], streamId: string): Promise<void> {
    if (claims.length === 0) return;
    await db.deleteFrom('stream_claims').where('claim', 'in', claims).where('stream_id', '=', streamId).execute();
  }

  async streamVersion(db: Kysely<DB>, streamId: string): Promise<number | null> {
    const row = await db.selectFrom('streams').select('version').where('stream_id', '=', streamId).executeTakeFirst();
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
   * The global log after a position, never past a transaction that may still append: only transactions
   * below the log's fence are read, in (transaction id, position) order.
   */
  async readAll(
    db: Kysely<DB>,
    afterTransactionId: string,
    afterPosition: number,
    limit: number,
  ): Promise<StoredEventRow[]> {
    const { rows } = await sql<StoredEventRow>`
      with ${logFence}
      select ${eventColumns} from events
      where (transaction_id, global_position) > (${afterTransactionId}::xid8, ${afterPosition}::bigint)
        and transaction_id < (select xid from fence)
      order by events.transaction_id, events.global_position -- the columns, not the text aliases
      limit ${limit}`.execute(db);
    return rows;
  }

  /**
   * The next `limit` events of the log after a position (fenced like `readAll`), of which only those of the
   * given stream types are returned in full: every batch walks the log index in order, so a reader of rare
   * types pays per event scanned, never a scan of the rest of the log. Also returns the last scanned position.
   */
  async readBatch(
    db: Kysely<DB>,
    afterTransactionId: string,
    afterPosition: number,
    limit: number,
    streamTypes: readonly string[] | null,
  ): Promise<{
    scanned: number;
    last: { transaction_id: string; global_position: number } | null;
    rows: StoredEventRow[];
  }> {
    if (streamTypes === null) {
      // Every type: one walk of the log index that returns the events themselves.
      const rows = await this.readAll(db, afterTransactionId, afterPosition, limit);
      const last = rows.at(-1);
      return {
        scanned: rows.length,
        last: last ? { transaction_id: last.transaction_id, global_position: last.global_position } : null,
        rows,
      };
    }
    const { rows } = await sql<
      StoredEventRow & { scanned: number; last_transaction_id: string; last_position: number }
    >`
      with ${logFence},
      scanned as materialized (
        select e.transaction_id, e.global_position, e.stream_type from events e, fence
        where (e.transaction_id, e.global_position) > (${afterTransactionId}::xid8, ${afterPosition}::bigint)
          and e.transaction_id < fence.xid
        order by e.transaction_id, e.global_position
        limit ${limit}
      ),
      last as (
        select transaction_id::text as last_transaction_id, global_position as last_position,
          (select count(*) from scanned)::int as scanned
        from scanned order by transaction_id desc, global_position desc limit 1
      )
      select last.*, batch.* from last left join lateral (
        select ${eventColumns} from events
        where global_position in (
          select global_position from scanned
          where ${streamTypes}::text[] is null or stream_type = any(${streamTypes}::text[])
        )
        order by events.transaction_id, events.global_position
      ) batch on true`.execute(db);
    const first = rows[0];
    return {
      scanned: first?.scanned ?? 0,
      last: first ? { transaction_id: first.last_transaction_id, global_position: first.last_position } : null,
      rows: rows.filter((row) => row.global_position !== null),
    };
  }

  /** How far the log is ahead of a position: events after it (counted up to a cap) and the oldest one's age. */
  async lagAfter(
    db: Kysely<DB>,
    afterTransactionId: string,
    afterPosition: number,
    cap: number,
  ): Promise<{ events: number; oldest: Date | null }> {
    // Two index walks in log order: a plain count over "everything after" would be planned as a table scan.
    const { rows } = await sql<{ events: number; oldest: Date | null }>`
      select
        (select count(*)::int from (
          select 1 from events
          where (transaction_id, global_position) > (${afterTransactionId}::xid8, ${afterPosition}::bigint)
          order by events.transaction_id, events.global_position limit ${cap}) pending) as events,
        (select recorded_at from events
          where (transaction_id, global_position) > (${afterTransactionId}::xid8, ${afterPosition}::bigint)
          order by events.transaction_id, events.global_position limit 1) as oldest`.execute(db);
    return rows[0] ?? { events: 0, oldest: null };
  }

  /** The newest transaction id in the log, and the id this transaction gets (the counter's next value). */
  async logOrder(db: Kysely<DB>): Promise<{ newest: string | null; current: string; behind: boolean }> {
    const { rows } = await sql<{ newest: string | null; current: string; behind: boolean }>`
      select newest::text, current::text, coalesce(newest >= current, false) as behind
      from (select (select transaction_id from events order by transaction_id desc limit 1) as newest,
                   pg_current_snapshot() as snapshot) s,
           lateral (select pg_snapshot_xmax(s.snapshot) as current) c`.execute(db);
    return rows[0]!;
  }

  /** The oldest running transaction that holds the appenders' lock: what the log's readers wait for. */
  async oldestAppender(db: Kysely<DB>): Promise<{ pid: number; since: Date; age_ms: number } | null> {
    const { rows } = await sql<{ pid: number; since: Date; age_ms: number }>`
      select a.pid, a.xact_start as since,
        (extract(epoch from clock_timestamp() - a.xact_start) * 1000)::int as age_ms
      from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where ${isAppenderLock('l')} and a.xact_start is not null
      order by a.xact_start limit 1`.execute(db);
    return rows[0] ?? null;
  }

  /** The last committed event in log order (no fence: for "caught up with what is there now"). */
  async head(db: Kysely<DB>): Promise<{ transaction_id: string; global_position: number } | null> {
    const { rows } = await sql<{ transaction_id: string; global_position: number }>`
      select transaction_id::text as transaction_id, global_position from events
      order by events.transaction_id desc, events.global_position desc limit 1`.execute(db);
    return rows[0] ?? null;
  }

  /**
   * Opens an import in the caller's transaction: the appenders' lock (the log's readers wait for the import
   * as for any appender), the log's tables against appends (reads go on), and whether the log is empty.
   */
  async beginImport(db: Kysely<DB>): Promise<boolean> {
    await sql`select ${sql.raw(takeAppenderLock)}`.execute(db);
    await sql`lock table streams, events, stream_claims in exclusive mode`.execute(db);
    const { rows } = await sql<{ empty: boolean }>`select not exists (select 1 from events) as empty`.execute(db);
    return rows[0]!.empty;
  }

  /** Inserts events as they were recorded elsewhere (COPY: their times, ids and metadata kept), in this order. */
  async importEvents(db: Kysely<DB>, events: readonly ImportedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const lines = events.map((e) =>
      [
        e.eventId,
        copyTextValue(e.streamId),
        copyTextValue(e.streamType),
        String(e.version),
        copyTextValue(e.type),
        String(e.schemaVersion),
        copyTextValue(JSON.stringify(e.data)),
        copyTextValue(JSON.stringify(e.metadata)),
        e.occurredAt.toISOString(),
        e.recordedAt.toISOString(),
      ].join('\t'),
    );
    await copyFromStdin(
      'events',
      [
        'event_id',
        'stream_id',
        'stream_type',
        'version',
        'type',
        'schema_version',
        'data',
        'metadata',
        'occurred_at',
        'recorded_at',
      ],
      new CopyRows([`${lines.join('\n')}\n`]),
    ).execute(db);
  }

  async claims(db: Kysely<DB>): Promise<{ claim: string; stream_id: string }[]> {
    return db.selectFrom('stream_claims').select(['claim', 'stream_id']).orderBy('claim').execute();
  }

  /**
   * Ends an import: each stream's row from its events, and the unique claims the imported streams hold. It
   * refuses (and so rolls the import back) a log whose streams' versions do not run 1..n in log order, or a
   * claim of a stream that has no events.
   */
  async finishImport(db: Kysely<DB>, claims: readonly { claim: string; streamId: string }[]): Promise<void> {
    const { rows } = await sql<{ stream_id: string }>`
      select stream_id from (
        select stream_id, version, row_number() over (partition by stream_id order by global_position) as n
        from events) e
      where version <> n limit 1`.execute(db);
    if (rows[0])
      throw new InvalidImportError(`stream ${rows[0].stream_id}: its versions do not run 1, 2, 3… in log order`);
    await sql`
      insert into streams (stream_id, stream_type, version, created_at, updated_at)
      select stream_id, min(stream_type), max(version), min(recorded_at), max(recorded_at)
      from events group by stream_id`.execute(db);
    const streams = new Set(
      (
        await db
          .selectFrom('streams')
          .select('stream_id')
          .where('stream_id', 'in', [...new Set(claims.map((c) => c.streamId)), ''])
          .execute()
      ).map((row) => row.stream_id),
    );
    const orphan = claims.find((claim) => !streams.has(claim.streamId));
    if (orphan) throw new InvalidImportError(`claim ${orphan.claim}: its stream ${orphan.streamId} has no events`);
    for (let i = 0; i < claims.length; i += 1000) {
      await db
        .insertInto('stream_claims')
        .values(claims.slice(i, i + 1000).map(({ claim, streamId }) => ({ claim, stream_id: streamId })))
        .execute();
    }
  }
}
