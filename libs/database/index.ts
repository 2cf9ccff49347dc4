export {
  type Database,
  type DatabaseKind,
  type DatabaseSession,
  type OpenDatabaseOptions,
  type Unlisten,
  openDatabase,
} from './database.js';
export { isDatabaseUnavailable } from './database-errors.js';
export { DataDirInUseError } from './data-dir-lock.js';
export { COPY_NULL, CopyRows, copyFromStdin, copyTextValue } from './copy.js';
export type { DB, EventsTable, IdempotencyKeysTable, Json, JsonColumn, StreamsTable } from './database.types.js';
export { MigrationError, migrateToLatest, pendingMigrations } from './migrate.js';
export { DATABASE, DatabaseModule } from './database.module.js';
export { executePrepared } from './prepared.js';
export { formatTimestamp } from './timestamps.js';
export { currentReadTarget, READ_DATABASE, type ReadTarget, readOn, routedReads } from './read-routing.js';
export { withTimeout } from './timeout.js';
export {
  REPLICA_STATES,
  ReadReplicas,
  type ReadReplicasOptions,
  type ReplicaState,
  type ReplicaStatus,
  replicaLagMs,
} from './read-replicas.js';
export { ReadReplicasModule } from './read-replicas.module.js';
