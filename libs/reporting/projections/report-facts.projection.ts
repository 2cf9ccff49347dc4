import type { DB } from '#libs/database';
import type { StoredEvent } from '#libs/event-store';
import { jsonEqual } from '#libs/event-sourcing';
import { entityId, insertRows, type Projection, type ReadModelRow, upsertRows } from '#libs/projections';
import type { QueryCreator } from 'kysely';
import {
  type Facts,
  foldFacts,
  newSubject,
  OBJECT_KINDS,
  REPORTED_STREAM_TYPES,
  type Subject,
} from '../domain/report-facts.js';

/**
 * The reports' read model: each object's slimmed running state (rm_report_subjects) and a version of its
 * reported facts for every event that changed them (rm_report_versions), stamped with the event's recorded
 * and occurred times. A report reads the latest version of each object recorded before its period ended.
 */
export const reportFactsProjection: Projection = {
  name: 'report-facts',
  version: 1,
  streamTypes: REPORTED_STREAM_TYPES,
  tables: ['rm_report_subjects', 'rm_report_versions'],
  async apply(db: QueryCreator<DB>, events: readonly StoredEvent[]) {
    const streamIds = [...new Set(events.map((event) => event.streamId))];
    const stored = await db.selectFrom('rm_report_subjects').selectAll().where('stream_id', 'in', streamIds).execute();
    const subjects = new Map<string, Subject & { seq: number }>(
      stored.map((row) => [
        row.stream_id,
        { kind: row.kind as Subject['kind'], state: row.state, facts: row.facts as Facts | null, seq: row.seq },
      ]),
    );
    // Each version made as the COPY takes it (the subjects move on meanwhile).
    await insertRows(db, 'rm_report_versions', factVersions(events, subjects));
    await upsertRows(
      db,
      'rm_report_subjects',
      ['stream_id'],
      [...subjects.entries()].map(([streamId, s]) => ({
        stream_id: streamId,
        kind: s.kind,
        seq: s.seq,
        state: s.state,
        facts: s.facts,
      })),
    );
  },
};

/**
 * A version of an object's facts for each event of the batch that changed them, made one at a time;
 * `subjects` holds each object's running state before the batch and is moved on as the versions are taken.
 */
function* factVersions(
  events: readonly StoredEvent[],
  subjects: Map<string, Subject & { seq: number }>,
): Generator<ReadModelRow<'rm_report_versions'>> {
  for (const event of events) {
    const kind = OBJECT_KINDS[event.streamType];
    if (!kind) continue;
    const id = entityId(event);
    const before = subjects.get(event.streamId) ?? { ...newSubject(kind), seq: 0 };
    const after = { ...foldFacts(before, id, event), seq: before.seq };
    subjects.set(event.streamId, after);
    if (after.facts !== null && !jsonEqual(before.facts, after.facts)) {
      after.seq++;
      yield {
        object_kind: kind,
        object_id: id,
        seq: after.seq,
        global_position: event.position.globalPosition,
        recorded_at: event.recordedAt,
        occurred_at: event.occurredAt,
        facts: after.facts,
      };
    }
  }
}
