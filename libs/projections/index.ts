export { type Projection, type ReadModelTable } from './projection.js';
export { entityId, foldIntoDocuments, insertRows, type ReadModelRow, upsertRows } from './read-model-writes.js';
export { ProjectionEngine, type ProjectionEngineOptions } from './projection-engine.js';
export { type ProjectionRole } from './projection-lease-keeper.js';
export { ProjectionWaiter, ProjectionsBehindError, READ_YOUR_WRITES_WAIT_MS } from './projection-waiter.js';
export {
  ProjectionAdmin,
  type ProjectionStatus,
  type ProjectionStatusName,
  UnknownProjectionError,
} from './projection-admin.js';
export {
  type Checkpoint,
  type ProjectionError,
  ProjectionCheckpointRepository,
  rebuildSchema,
} from './projection-checkpoint.repository.js';
export { ProjectionsModule, type ProjectionsModuleOptions } from './projections.module.js';
