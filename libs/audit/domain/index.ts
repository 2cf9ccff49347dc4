// The audit history's pure part: which aggregates it shows, their field-level changes and summaries.
export {
  AGGREGATE_TYPES,
  type AggregateType,
  type AuditedAggregate,
  AUDITED_AGGREGATES,
} from './audited-aggregates.js';
export { diffStates, type FieldChange } from './field-changes.js';
export { hasSummary, summarize } from './summaries.js';
