import { encodeLogPosition, type StoredEvent } from '#libs/event-store';
import type { AuditedAggregate } from './domain/audited-aggregates.js';
import { diffStates, type FieldChange } from './domain/field-changes.js';
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

export function detailsOf(entry: HistoryEntry): AuditDetails {
  const details: AuditDetails = { position: entry.position, source: entry.source, changes: entry.changes };
  if (entry.onBehalfOf !== null) details.onBehalfOf = entry.onBehalfOf;
  if (entry.reason !== null) details.reason = entry.reason;
  if (entry.comment !== null) details.comment = entry.comment;
  if (entry.approvedBy !== null) details.approvedBy = entry.approvedBy;
  if (entry.evidence.length > 0) details.evidence = entry.evidence;
  if (entry.causationId !== entry.correlationId) details.causationId = entry.causationId;
  if (entry.commandId !== entry.correlationId) details.commandId = entry.commandId;
  return details;
}

/** The entry of an audit row (without the event's data, which stays in the log). */
export function entryFromRow(row: AuditRowFields, details: AuditDetails): Omit<HistoryEntry, 'data'> {
  return {
    position: details.position,
    version: row.version,
    type: row.type,
    summary: row.summary,
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

export function entryOf(event: StoredEvent, changes: FieldChange[]): HistoryEntry {
  const { metadata: m, data } = event;
  const evidence = data['evidenceIds'] ?? data['evidence'];
  return {
    position: encodeLogPosition(event.position),
    version: event.version,
    type: event.type,
    summary: summarize(event.type, data),
    occurredAt: event.occurredAt.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
    backdated: isBackdated(event.occurredAt, event.recordedAt),
    actor: { id: m.actor.userId, role: m.actor.role, org: m.actor.orgId ?? null },
    onBehalfOf: m.onBehalfOf ?? null,
    source: m.source,
    reason: text(m.reasonCode) ?? text(data['reason']) ?? text(data['reasonCode']) ?? text(data['reasons']),
    comment: text(m.comment) ?? text(data['comments']) ?? text(data['findings']),
    approvedBy: text(m.approvedBy) ?? text(data['approvedBy']) ?? text(data['approverId']),
    correlationId: m.correlationId,
    causationId: m.causationId,
    commandId: m.commandId,
    evidence: Array.isArray(evidence) ? evidence.map(String) : [],
    changes,
    data,
  };
}

/** One event folded into an object's state: the next state and the entry with the changes it made. */
export function foldEntry(
  aggregate: AuditedAggregate,
  state: unknown,
  event: StoredEvent,
): { state: unknown; entry: HistoryEntry } {
  const next = aggregate.evolve(state, { type: event.type, data: event.data });
  return { state: next, entry: entryOf(event, diffStates(state, next)) };
}
