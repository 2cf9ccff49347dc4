import { encodeLogPosition, type StoredEvent } from '#libs/event-store';
import type { AuditedAggregate } from './domain/audited-aggregates.js';
import { diffStates, type FieldChange } from './domain/field-changes.js';
import type { Lang } from '#libs/labels/domain';
import { summarize } from './domain/summaries.js';

/** Recorded this much later than it happened, an entry counts as backdated (clocks and queues differ a little). */
const BACKDATED_AFTER_MS = 60_000;

export interface HistoryEntry {
  position: string;
  version: number;
  type: string;
  summary: string;
  occurredAt: string;
  recordedAt: string;
  /** Recorded well after it happened (an `occurredAt` in the past). */
  backdated: boolean;
  actor: { id: string; role: string; org: string | null };
  onBehalfOf: string | null;
  source: string;
  reason: string | null;
  comment: string | null;
  approvedBy: string | null;
  /** Entries caused by one command share it; derived effects (a level recomputed, a report reissued) too. */
  correlationId: string;
  causationId: string;
  commandId: string;
  evidence: string[];
  changes: FieldChange[];
  data: Record<string, unknown>;
}

/**
 * What an entry holds beyond the columns of its audit row (who, when, what type): stored with the row, with
 * only what is there (no empty fields; the command's ids only where they differ from the correlation id).
 */
export interface AuditDetails {
  position: string;
  source: string;
  changes: FieldChange[];
  onBehalfOf?: string;
  reason?: string;
  comment?: string;
  approvedBy?: string;
  evidence?: string[];
  causationId?: string;
  commandId?: string;
  /** The summary in Chinese (the `summary` column holds the English one): the event's data is not kept here. */
  summaryZh?: string;
}

/** The columns of an audit row an entry is put together from, with its details. */
export interface AuditRowFields {
  version: number;
  type: string;
  summary: string;
  occurredAt: Date;
  recordedAt: Date;
  actor: HistoryEntry['actor'];
  correlationId: string;
}

export function isBackdated(occurredAt: Date, recordedAt: Date): boolean {
  return recordedAt.getTime() - occurredAt.getTime() > BACKDATED_AFTER_MS;
}

/** The entry of an audit row (without the event's data, which stays in the log), its summary in `lang`. */
export function entryFromRow(
  row: AuditRowFields,
  details: AuditDetails,
  lang: Lang = 'en',
): Omit<HistoryEntry, 'data'> {
  return {
    position: details.position,
    version: row.version,
    type: row.type,
    // Rows written before the Chinese summary was kept have only the English one, until the rebuild.
    summary: lang === 'zh' ? (details.summaryZh ?? row.summary) : row.summary,
    occurredAt: row.occurredAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    backdated: isBackdated(row.occurredAt, row.recordedAt),
    actor: row.actor,
    onBehalfOf: details.onBehalfOf ?? null,
    source: details.source,
    reason: details.reason ?? null,
    comment: details.comment ?? null,
    approvedBy: details.approvedBy ?? null,
    correlationId: row.correlationId,
    causationId: details.causationId ?? row.correlationId,
    commandId: details.commandId ?? row.correlationId,
    evidence: details.evidence ?? [],
    changes: details.changes,
  };
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** An event's audit row: the columns an entry is put together from, and the details stored with them. */
export interface AuditRow extends AuditRowFields {
  details: AuditDetails;
}

/**
 * The audit row of an event that made these changes. The projection writes it as it is (a rebuild makes a
 * million); an object's history reads its entries back from such rows (`foldEntry`), so both show the same.
 */
export function auditRowOf(event: StoredEvent, changes: FieldChange[]): AuditRow {
  const { metadata: m, data } = event;
  const details: AuditDetails = { position: encodeLogPosition(event.position), source: m.source, changes };
  if (m.onBehalfOf !== undefined && m.onBehalfOf !== null) details.onBehalfOf = m.onBehalfOf;
  const reason = text(m.reasonCode) ?? text(data['reason']) ?? text(data['reasonCode']) ?? text(data['reasons']);
  if (reason !== null) details.reason = reason;
  const comment = text(m.comment) ?? text(data['comments']) ?? text(data['findings']);
  if (comment !== null) details.comment = comment;
  const approvedBy = text(m.approvedBy) ?? text(data['approvedBy']) ?? text(data['approverId']);
  if (approvedBy !== null) details.approvedBy = approvedBy;
  const evidence = data['evidenceIds'] ?? data['evidence'];
  if (Array.isArray(evidence) && evidence.length > 0) details.evidence = evidence.map(String);
  if (m.causationId !== m.correlationId) details.causationId = m.causationId;
  if (m.commandId !== m.correlationId) details.commandId = m.commandId;
  details.summaryZh = summarize(event.type, data, 'zh');
  return {
    version: event.version,
    type: event.type,
    summary: summarize(event.type, data),
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actor: { id: m.actor.userId, role: m.actor.role, org: m.actor.orgId ?? null },
    correlationId: m.correlationId,
    details,
  };
}

/** One event folded into an object's state: the next state and the audit row of the changes it made. */
export function foldRow(
  aggregate: AuditedAggregate,
  state: unknown,
  event: StoredEvent,
): { state: unknown; row: AuditRow } {
  const next = aggregate.evolve(state, event);
  return { state: next, row: auditRowOf(event, diffStates(state, next)) };
}

/** One event folded into an object's state: the next state and its entry, read from its audit row. */
export function foldEntry(
  aggregate: AuditedAggregate,
  state: unknown,
  event: StoredEvent,
): { state: unknown; entry: HistoryEntry } {
  const { state: next, row } = foldRow(aggregate, state, event);
  return { state: next, entry: { ...entryFromRow(row, row.details), data: event.data } };
}
