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

/** What an entry holds beyond the columns of its audit row (who, when, what type): stored with the row. */
export type AuditDetails = Pick<
  HistoryEntry,
  | 'position'
  | 'onBehalfOf'
  | 'source'
  | 'reason'
  | 'comment'
  | 'approvedBy'
  | 'causationId'
  | 'commandId'
  | 'evidence'
  | 'changes'
>;

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
  const { position, onBehalfOf, source, reason, comment, approvedBy, causationId, commandId, evidence, changes } =
    entry;
  return { position, onBehalfOf, source, reason, comment, approvedBy, causationId, commandId, evidence, changes };
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
    onBehalfOf: details.onBehalfOf,
    source: details.source,
    reason: details.reason,
    comment: details.comment,
    approvedBy: details.approvedBy,
    correlationId: row.correlationId,
    causationId: details.causationId,
    commandId: details.commandId,
    evidence: details.evidence,
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
