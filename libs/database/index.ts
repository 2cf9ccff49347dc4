export { type Database, type DatabaseKind, type OpenDatabaseOptions, type Unlisten, openDatabase } from './database.js';
export type { DB, EventsTable, IdempotencyKeysTable, Json, StreamsTable } from './database.types.js';
export { MigrationError, migrateToLatest } from './migrate.js';
export { DATABASE, DatabaseModule } from './database.module.js';
