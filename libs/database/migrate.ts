import type { Kysely } from 'kysely';
import type { DB } from './database.types.js';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import { migrations } from '../../db/migrations/index.js';

class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly all: Record<string, Migration>) {}
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(this.all);
  }
}

export class MigrationError extends Error {}

/** The migrations this code knows that the database has not run (all of them on an empty database). */
export async function pendingMigrations(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider(migrations) });
  return (await migrator.getMigrations()).filter((migration) => !migration.executedAt).map((m) => m.name);
}

/** Brings the schema up to date; safe when several processes start at once (the Migrator locks). */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider(migrations) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(
      `Migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
