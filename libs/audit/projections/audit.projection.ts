import type { DB } from '#libs/database';
import type { StoredEvent } from '#libs/event-store';
import { entityId, insertRows, type Projection, type ReadModelRow, upsertRows } from '#libs/projections';
import type { QueryCreator } from 'kysely';
import { type AggregateType, AUDITED_AGGREGATES } from '../domain/audited-aggregates.js';
import { foldRow } from '../history-entry.js';

const BY_STREAM_TYPE = new Map(
  Object.entries(AUDITED_AGGREGATES).map(([type, aggregate]) => [
    aggregate.streamType,
    { type: type as AggregateType, aggregate },
  ]),
);

/**
 * The global audit history (rm_audit): one row per event with who, when, the object's scope and the rest of
 * the entry with its field-level changes (the event data stays in the log; one object's history shows it).
 * It keeps each object's folded state (rm_audit_subjects) to derive the changes.
 */
export const auditProjection: Projection = {
  name: 'audit',
  // 3: each row keeps its summary in Chinese too.
  version: 3,
  streamTypes: [...BY_STREAM_TYPE.keys()],
  tables: ['rm_audit', 'rm_audit_subjects'],
  async apply(db: QueryCreator<DB>, events: readonly StoredEvent[]) {
    const streamIds = [...new Set(events.map((event) => event.streamId))];
    const stored = await db.selectFrom('rm_audit_subjects').selectAll().where('stream_id', 'in', streamIds).execute();
    const states = new Map<string, unknown>(stored.map((row) => [row.stream_id, row.state]));
    // One row per event, written once (the checkpoint's compare-and-set rules out a repeat): a plain insert,
    // each row made as the COPY takes it.
    await insertRows(db, 'rm_audit', auditRows(events, states));
    await upsertRows(
      db,
      'rm_audit_subjects',
      ['stream_id'],
      streamIds.filter((id) => states.has(id)).map((id) => ({ stream_id: id, state: states.get(id) })),
    );
  },
};

/**
 * The audit rows of a batch, one per event of an audited aggregate, made one at a time; `states` holds each
 * object's state before the batch and is moved on as the rows are taken.
 */
function* auditRows(events: readonly StoredEvent[], states: Map<string, unknown>): Generator<ReadModelRow<'rm_audit'>> {
  for (const event of events) {
    const known = BY_STREAM_TYPE.get(event.streamType);
    if (!known) continue;
    const { type, aggregate } = known;
    const before = states.has(event.streamId) ? states.get(event.streamId) : aggregate.initialState();
    const { state: after, row } = foldRow(aggregate, before, event);
    states.set(event.streamId, after);
    const id = entityId(event);
    const scope = aggregate.exists(after) ? aggregate.scope(after, id) : null;
    yield {
      global_position: event.position.globalPosition,
      aggregate_type: type,
      aggregate_id: id,
      version: row.version,
      type: row.type,
      summary: row.summary,
      actor_id: row.actor.id,
      actor_role: row.actor.role,
      actor_org: row.actor.org,
      occurred_at: row.occurredAt,
      recorded_at: row.recordedAt,
      correlation_id: row.correlationId,
      district_code: scope?.districtCode ?? null,
      enterprise_id: scope?.enterpriseId ?? null,
      provider_id: scope?.providerId ?? null,
      details: row.details,
    };
  }
}
