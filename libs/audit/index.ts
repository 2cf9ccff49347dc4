export { AuditModule } from './audit.module.js';
export * from './domain/index.js';
export { type HistoryEntry } from './history-entry.js';
export { type ObjectAsOf, type ObjectHistory, ObjectHistoryService } from './queries/object-history.service.js';
export { auditProjection } from './projections/audit.projection.js';
export { historyCsv } from './audit-export.js';
export { type AuditEntry, type AuditFilter, AuditReadRepository } from './queries/audit-read.repository.js';
