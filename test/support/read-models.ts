import { type Database } from '#libs/database';
import { EventStore } from '#libs/event-store';
import { READ_MODEL_PROJECTIONS } from '#libs/read-models';
import { ProjectionAdmin, ProjectionEngine } from '#libs/projections';
import { sql } from 'kysely';

/** Every read model table's rows, each as JSON, sorted: two snapshots are equal when the models are. */
export async function readModelSnapshot(database: Database): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const table of READ_MODEL_PROJECTIONS.flatMap((projection) => projection.tables)) {
    const rows = (await sql`select * from ${sql.table(table)}`.execute(database.db)).rows;
    tables[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return tables;
}

/** Rebuilds every read model from the log in this process (no other may run them) and snapshots the result. */
export async function rebuiltReadModels(database: Database): Promise<Record<string, unknown[]>> {
  const store = new EventStore(database);
  const engine = new ProjectionEngine(database, store, READ_MODEL_PROJECTIONS);
  const admin = new ProjectionAdmin(database, store, engine);
  for (const projection of READ_MODEL_PROJECTIONS) await admin.rebuild(projection.name);
  await engine.drain(120_000);
  await engine.stop();
  return readModelSnapshot(database);
}

/** True when every read model runs and has reached the head of the log. */
export async function readModelsCaughtUp(database: Database): Promise<boolean> {
  const store = new EventStore(database);
  const admin = new ProjectionAdmin(database, store, new ProjectionEngine(database, store, READ_MODEL_PROJECTIONS));
  return (await admin.status()).every((status) => status.status === 'running' && status.lagEvents === 0);
}
