import type { DB } from '#libs/database';
import { LOG_START, type LogPosition } from '#libs/event-store';
import { type Kysely, sql } from 'kysely';
import type { ReadModelTable } from './projection.js';

export interface Checkpoint {
  name: string;
  version: number;
  position: LogPosition;
  paused: boolean;
  failed: boolean;
  lastError: ProjectionError | null;
  /** Set while a rebuild runs (or is requested): the version it builds and how far it got (null: not begun). */
  rebuild: { version: number; position: LogPosition | null; startedAt: Date | null } | null;
  owner: string | null;
  updatedAt: Date;
}

/** What a failed projection reports: the event it stopped at and the error. */
export interface ProjectionError {
  message: string;
  eventId: string | null;
  eventType: string | null;
  streamId: string | null;
  position: string | null;
  rebuilding: boolean;
  at: string;
}

type Row = {
  name: string;
  version: number;
  transaction_id: string;
  global_position: number;
  paused: boolean;
  failed: boolean;
  last_error: ProjectionError | null;
  rebuild_version: number | null;
  rebuild_transaction_id: string | null;
  rebuild_global_position: number | null;
  rebuild_started_at: Date | null;
  owner: string | null;
  updated_at: Date;
};

const columns = sql`name, version, transaction_id::text as transaction_id, global_position, paused, failed, last_error,
  rebuild_version, rebuild_transaction_id::text as rebuild_transaction_id, rebuild_global_position,
  rebuild_started_at, owner, updated_at`;

function toCheckpoint(row: Row): Checkpoint {
  return {
    name: row.name,
    version: row.version,
    position: { transactionId: row.transaction_id, globalPosition: row.global_position },
    paused: row.paused,
    failed: row.failed,
    lastError: row.last_error,
    rebuild:
      row.rebuild_version === null
        ? null
        : {
            version: row.rebuild_version,
            position:
              row.rebuild_transaction_id === null || row.rebuild_global_position === null
                ? null
                : { transactionId: row.rebuild_transaction_id, globalPosition: row.rebuild_global_position },
            startedAt: row.rebuild_started_at,
          },
    owner: row.owner,
    updatedAt: row.updated_at,
  };
}

/** The schema a projection's rebuild fills: its tables under their own names (a code constant, never input). */
export const rebuildSchema = (projection: string): string => `rebuild_${projection.replaceAll('-', '_')}`;

/**
 * A live table's index definition (from the catalog) for the same table in a rebuild's schema, under the same
 * name, built only if it is not there yet.
 */
function onCopy(index: { name: string; definition: string }, schema: string, table: string): string {
  const definition = index.definition
    .replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS ')
    .replace(` ON public.${table} `, ` ON ${schema}.${table} `);
  if (!definition.startsWith('CREATE INDEX IF NOT EXISTS ') || !definition.includes(` ON ${schema}.${table} `)) {
    throw new Error(`Cannot rebuild index ${index.name}: ${index.definition}`);
  }
  return definition;
}

/** What a projection that reads by indexes its tables do not have is told (at start, and when a rebuild begins). */
export const missingIndexMessage = (names: readonly string[], tables: readonly string[]): string =>
  `No secondary (non-unique) index ${names.join(', ')} on ${tables.join(', ')}: the projection's readsBy names it`;

/** The advisory-lock class of a projection's batches and swap (streams use 1, leases 2, appenders 3). */
const PROJECTION_LOCK_CLASS = 4;

/** Checkpoints and the rebuild's table swap. Every position move is a compare-and-set on the old position. */
export class ProjectionCheckpointRepository {
  /** Creates the checkpoint of a new projection; its tables are empty, so it starts at the log's start. */
  async ensure(db: Kysely<DB>, name: string, version: number): Promise<void> {
    await db
      .insertInto('projection_checkpoints')
      .values({ name, version, transaction_id: LOG_START.transactionId, global_position: 0 })
      .onConflict((conflict) => conflict.column('name').doNothing())
      .execute();
  }

  /** Asks for a rebuild when the stored model is older than the code's (a deploy that changed it). */
  async requestRebuildIfOutdated(db: Kysely<DB>, name: string, version: number): Promise<boolean> {
    const result = await sql`
      update projection_checkpoints
      set rebuild_version = ${version}, rebuild_transaction_id = null, rebuild_global_position = null,
          rebuild_started_at = null, failed = false, last_error = null, updated_at = clock_timestamp()
      where name = ${name} and version < ${version}
        and (rebuild_version is null or rebuild_version < ${version})`.execute(db);
    return Number(result.numAffectedRows ?? 0) > 0;
  }

  /** An admin's rebuild: from the start again, even if one is under way. */
  async requestRebuild(db: Kysely<DB>, name: string, version: number): Promise<boolean> {
    const result = await sql`
      update projection_checkpoints
      set rebuild_version = ${version}, rebuild_transaction_id = null, rebuild_global_position = null,
          rebuild_started_at = null, failed = false, last_error = null, updated_at = clock_timestamp()
      where name = ${name}`.execute(db);
    return Number(result.numAffectedRows ?? 0) > 0;
  }

  async find(db: Kysely<DB>, name: string): Promise<Checkpoint | null> {
    const { rows } = await sql<Row>`select ${columns} from projection_checkpoints where name = ${name}`.execute(db);
    return rows[0] ? toCheckpoint(rows[0]) : null;
  }

  async list(db: Kysely<DB>, names?: readonly string[]): Promise<Checkpoint[]> {
    const { rows } = await sql<Row>`
      select ${columns} from projection_checkpoints
      where ${names ?? null}::text[] is null or name = any(${names ?? null}::text[])
      order by name`.execute(db);
    return rows.map(toCheckpoint);
  }

  /**
   * Every batch of a projection (following or rebuilding, in any process) holds this lock shared for its
   * transaction; the swap after a rebuild holds it alone. So the swap never interleaves with a batch's table
   * and checkpoint locks (no deadlock whatever order a projection touches its tables in), and a batch that
   * begins after a swap reads the checkpoint the swap wrote.
   */
  async lockForBatch(db: Kysely<DB>, name: string): Promise<void> {
    await sql`select pg_advisory_xact_lock_shared(${PROJECTION_LOCK_CLASS}, hashtext(${name}))`.execute(db);
  }

  async lockForSwap(db: Kysely<DB>, name: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(${PROJECTION_LOCK_CLASS}, hashtext(${name}))`.execute(db);
  }

  /** Moves the live position, if nobody else moved it and the projection may run; false otherwise. */
  async advance(db: Kysely<DB>, name: string, version: number, from: LogPosition, to: LogPosition): Promise<boolean> {
    const result = await sql`
      update projection_checkpoints
      set transaction_id = ${to.transactionId}::xid8, global_position = ${to.globalPosition}, updated_at = clock_timestamp()
      where name = ${name} and version = ${version} and not paused and not failed
        and transaction_id = ${from.transactionId}::xid8 and global_position = ${from.globalPosition}`.execute(db);
    return Number(result.numAffectedRows ?? 0) === 1;
  }

  /**
   * Moves the rebuild's position (from null: begins it), with the same compare-and-set. Its transaction then
   * commits without waiting for the WAL flush: nobody reads the copies, and a crash loses a batch together with
   * its position (the WAL keeps commits in order), so the rebuild resumes where its copies end.
   */
  async advanceRebuild(
    db: Kysely<DB>,
    name: string,
    version: number,
    from: LogPosition | null,
    to: LogPosition,
  ): Promise<boolean> {
    await sql`set local synchronous_commit = off`.execute(db);
    const result = await sql`
      update projection_checkpoints
      set rebuild_transaction_id = ${to.transactionId}::xid8, rebuild_global_position = ${to.globalPosition},
          rebuild_started_at = coalesce(rebuild_started_at, clock_timestamp()), updated_at = clock_timestamp()
      where name = ${name} and rebuild_version = ${version} and not paused and not failed
        and rebuild_transaction_id is not distinct from ${from?.transactionId ?? null}::xid8
        and rebuild_global_position is not distinct from ${from?.globalPosition ?? null}::bigint`.execute(db);
    return Number(result.numAffectedRows ?? 0) === 1;
  }

  /** The rebuilt model becomes the live one, at the rebuild's position. */
  async completeRebuild(db: Kysely<DB>, name: string, version: number, at: LogPosition): Promise<boolean> {
    const result = await sql`
      update projection_checkpoints
      set version = rebuild_version, transaction_id = rebuild_transaction_id, global_position = rebuild_global_position,
          rebuild_version = null, rebuild_transaction_id = null, rebuild_global_position = null,
          rebuild_started_at = null, updated_at = clock_timestamp()
      where name = ${name} and rebuild_version = ${version} and not paused and not failed
        and rebuild_transaction_id = ${at.transactionId}::xid8 and rebuild_global_position = ${at.globalPosition}`.execute(
      db,
    );
    return Number(result.numAffectedRows ?? 0) === 1;
  }

  async markFailed(db: Kysely<DB>, name: string, error: ProjectionError): Promise<void> {
    await sql`
      update projection_checkpoints set failed = true, last_error = ${JSON.stringify(error)}::jsonb,
        updated_at = clock_timestamp()
      where name = ${name}`.execute(db);
  }

  async setPaused(db: Kysely<DB>, name: string, paused: boolean): Promise<boolean> {
    const result = await sql`
      update projection_checkpoints set paused = ${paused}, updated_at = clock_timestamp()
      where name = ${name}`.execute(db);
    return Number(result.numAffectedRows ?? 0) > 0;
  }

  /** Resume after a pause or a failure: the failed event is tried again (once the code is fixed). */
  async resume(db: Kysely<DB>, name: string): Promise<boolean> {
    const result = await sql`
      update projection_checkpoints set paused = false, failed = false, last_error = null,
        updated_at = clock_timestamp()
      where name = ${name}`.execute(db);
    return Number(result.numAffectedRows ?? 0) > 0;
  }

  async setOwner(db: Kysely<DB>, name: string, owner: string | null): Promise<void> {
    await sql`update projection_checkpoints set owner = ${owner} where name = ${name}`.execute(db);
  }

  /**
   * Fresh, empty copies of the live tables (same columns, keys and defaults) in the rebuild's schema. Their
   * secondary indexes are left out while the copies fill (a bulk load is faster without them) and built
   * just before the swap; the unique ones stay, upserts need them, and so do those named in `keep` (the
   * projection reads by them), built on the empty copy under their live names.
   */
  async createRebuildTables(
    db: Kysely<DB>,
    schema: string,
    tables: readonly ReadModelTable[],
    keep: readonly string[] = [],
  ): Promise<void> {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    const kept: string[] = [];
    for (const table of tables) {
      await sql`drop table if exists ${sql.id(schema, table)}`.execute(db);
      await sql`create table ${sql.id(schema, table)} (like ${sql.id('public', table)} including all)`.execute(db);
      for (const index of await this.secondaryIndexes(db, schema, table)) {
        await sql`drop index ${sql.id(schema, index.name)}`.execute(db);
      }
      for (const index of await this.secondaryIndexes(db, 'public', table)) {
        // A catalog definition of our own table with our own schema name: nothing a request can reach.
        if (!keep.includes(index.name)) continue;
        await sql.raw(onCopy(index, schema, table)).execute(db);
        kept.push(index.name);
      }
    }
    const unknown = keep.filter((name) => !kept.includes(name));
    if (unknown.length > 0) throw new Error(missingIndexMessage(unknown, tables));
  }

  /** Those of `names` that are not secondary (non-unique) indexes of these live tables. */
  async missingIndexes(db: Kysely<DB>, tables: readonly string[], names: readonly string[]): Promise<string[]> {
    if (names.length === 0) return [];
    const found = new Set<string>();
    for (const table of tables) {
      for (const index of await this.secondaryIndexes(db, 'public', table)) found.add(index.name);
    }
    return names.filter((name) => !found.has(name));
  }

  /** The non-unique indexes of a table, with their definitions (from the catalog, never from input). */
  private async secondaryIndexes(db: Kysely<DB>, schema: string, table: string) {
    const { rows } = await sql<{ name: string; definition: string }>`
      select indexname as name, indexdef as definition from pg_indexes
      where schemaname = ${schema} and tablename = ${table} and indexdef not like 'CREATE UNIQUE INDEX%'`.execute(db);
    return rows;
  }

  /**
   * Makes the filled copies ready to be swapped in: builds the live tables' secondary indexes on them, under
   * the same names, and gathers their statistics, side by side, each in a transaction (so a connection) of
   * its own, so that the other read models' work runs meanwhile. An index already there (kept while the copy
   * filled, built before a crash, or by a runner that lost its lease) is left as it is. Statistics belong to
   * the table, so they move with it into the live schema.
   */
  async prepareRebuildTables(db: Kysely<DB>, schema: string, tables: readonly ReadModelTable[]): Promise<void> {
    const definitions: string[] = [];
    for (const table of tables) {
      for (const index of await this.secondaryIndexes(db, 'public', table)) {
        definitions.push(onCopy(index, schema, table));
      }
    }
    await Promise.all([
      ...definitions.map((definition) =>
        db.transaction().execute(async (trx) => {
          // More sort memory than the default speeds a large index build; the builds already run side by side,
          // so parallel workers on top of them cost more than they give.
          await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
          await sql`set local max_parallel_maintenance_workers = 0`.execute(trx);
          // A catalog definition of our own table with our own schema name: nothing a request can reach.
          await sql.raw(definition).execute(trx);
        }),
      ),
      // Fresh tables have no statistics yet; without them the first plans are guesses.
      ...tables.map((table) => sql`analyze ${sql.id(schema, table)}`.execute(db)),
    ]);
  }

  /**
   * Swaps the rebuilt tables in (made ready by `prepareRebuildTables`): readers waiting on the old table's
   * lock go on with the new one, so none sees a half-built model.
   */
  async swapInRebuildTables(db: Kysely<DB>, schema: string, tables: readonly ReadModelTable[]): Promise<void> {
    for (const table of tables) {
      await sql`drop table ${sql.id('public', table)}`.execute(db);
      await sql`alter table ${sql.id(schema, table)} set schema public`.execute(db);
    }
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
  }
}
