export { AuditModule } from './audit.module.js';
export { AGGREGATE_TYPES, type AggregateType } from './domain/audited-aggregates.js';
export { diffStates, type FieldChange } from './domain/field-changes.js';
export { summarize } from './domain/summaries.js';
export { GetObjectAsOf } from './queries/get-object-as-of/get-object-as-of.query.js';
export { GetObjectHistory } from './queries/get-object-history/get-object-history.query.js';
export { type HistoryEntry, type ObjectAsOf, type ObjectHistory } from './queries/object-history.service.js';
