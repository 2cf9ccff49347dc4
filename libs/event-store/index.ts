export {
  type AppendListener,
  type AppendOptions,
  EVENTS_CHANNEL,
  type LogSource,
  type StreamClaim,
  EventStore,
  InvalidAppendError,
  type ReadBatch,
  type ReadBatchOptions,
} from './event-store.js';
export {
  AppendAfterWriteError,
  ClaimTakenError,
  ConcurrencyError,
  IdempotencyKeyReusedError,
  InvalidImportError,
  LogOrderError,
} from './event-store.errors.js';
export { EventStoreModule } from './event-store.module.js';
export { DEMO_SOURCE } from './event-store.types.js';
export type {
  AppendResult,
  EventActor,
  EventMetadata,
  ExpectedVersion,
  IdempotencyKey,
  ImportedEvent,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  StreamClaims,
} from './event-store.types.js';
export {
  compareLogPositions,
  decodeLogPosition,
  encodeLogPosition,
  InvalidLogPositionError,
  LOG_START,
  type LogPosition,
} from './log-position.js';
export { DuplicateUpcasterError, type Upcaster, Upcasters } from './upcasters.js';
export { LOG_FILE_FORMAT, LogFileError, logFileLines, readLogFile, writeLogFile } from './log-file.js';
