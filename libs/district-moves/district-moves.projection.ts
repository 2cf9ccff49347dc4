import type { DB } from '#libs/database';
import { DIAGNOSTIC_STREAM, type DiagnosticEvent } from '#libs/diagnostics/domain';
import { ENTERPRISE_STREAM, type EnterpriseEvent } from '#libs/enterprises/domain';
import type { StoredEvent } from '#libs/event-store';
import { entityId, type Projection, type ReadModelRow, upsertRows } from '#libs/projections';
import { PROJECT_STREAM, type ProjectEvent } from '#libs/projects/domain';
import type { QueryCreator } from 'kysely';

export const DISTRICT_MOVES = 'district-moves';

/**
 * Told when a batch being applied may leave a move to record (an enterprise changed district, or a follower
 * was recorded in a district that is not its enterprise's): the reactor looks once the batch has committed.
 */
export const possibleMoves = new Set<() => void>();

type EnterpriseRow = ReadModelRow<'rm_district_enterprises'>;
type FollowerRow = ReadModelRow<'rm_district_followers'>;

/**
 * The state of the policy "a diagnostic or a project is in its enterprise's district": each enterprise's
 * district as the log has it, and the district each follower was last recorded in. A follower whose district
 * differs from its enterprise's is a move the reactor records (`DistrictMovesReactor`); the change it appends
 * comes back through here and settles the row. A follower scheduled with a district that was already stale
 * (the enterprise moved while the command ran) shows up the same way.
 */
export const districtMovesProjection: Projection = {
  name: DISTRICT_MOVES,
  version: 1,
  streamTypes: [ENTERPRISE_STREAM, DIAGNOSTIC_STREAM, PROJECT_STREAM],
  tables: ['rm_district_enterprises', 'rm_district_followers'],
  async apply(db: QueryCreator<DB>, events: readonly StoredEvent[]) {
    const enterprises = new Map<string, EnterpriseRow>();
    const followers = new Map<string, FollowerRow>();
    const moved = new Map<string, string>();
    let mayMove = false;
    for (const event of events) {
      const enterprise = enterpriseDistrict(event);
      if (enterprise) enterprises.set(enterprise.enterprise_id, enterprise);
      if (enterprise && event.type === 'EnterpriseDetailsCorrected') mayMove = true;
      const follower = followerOf(event);
      if (follower) {
        followers.set(follower.stream_id, follower);
        moved.delete(follower.stream_id);
      }
      const to = movedTo(event);
      if (to === undefined) continue;
      // A move recorded while the enterprise moved again (or back) leaves the follower behind once more.
      mayMove = true;
      const known = followers.get(event.streamId);
      if (known) known.district_code = to;
      else moved.set(event.streamId, to);
    }
    if (!mayMove && followers.size > 0) mayMove = await recordedElsewhere(db, enterprises, [...followers.values()]);
    if (mayMove) for (const listener of possibleMoves) listener();
    await upsertRows(db, 'rm_district_enterprises', ['enterprise_id'], [...enterprises.values()]);
    await upsertRows(db, 'rm_district_followers', ['stream_id'], [...followers.values()]);
    for (const [streamId, districtCode] of moved) {
      await db
        .updateTable('rm_district_followers')
        .set({ district_code: districtCode })
        .where('stream_id', '=', streamId)
        .execute();
    }
  },
};

/** Whether a new follower's district is not its enterprise's (as of this batch). */
async function recordedElsewhere(
  db: QueryCreator<DB>,
  batch: ReadonlyMap<string, EnterpriseRow>,
  followers: readonly FollowerRow[],
): Promise<boolean> {
  const ids = [...new Set(followers.map((follower) => follower.enterprise_id))];
  const stored = await db
    .selectFrom('rm_district_enterprises')
    .select(['enterprise_id', 'district_code'])
    .where('enterprise_id', 'in', ids)
    .execute();
  const districts = new Map(stored.map((row) => [row.enterprise_id, row.district_code]));
  for (const [id, row] of batch) districts.set(id, row.district_code);
  return followers.some((follower) => {
    const district = districts.get(follower.enterprise_id);
    return district !== undefined && district !== follower.district_code;
  });
}

function enterpriseDistrict(event: StoredEvent): EnterpriseRow | null {
  if (event.streamType !== ENTERPRISE_STREAM) return null;
  const domainEvent = event as unknown as EnterpriseEvent;
  const districtCode =
    domainEvent.type === 'EnterpriseRegistered'
      ? domainEvent.data.districtCode
      : domainEvent.type === 'EnterpriseDetailsCorrected' && domainEvent.data.field === 'districtCode'
        ? domainEvent.data.new
        : null;
  if (districtCode === null) return null;
  return {
    enterprise_id: entityId(event),
    district_code: districtCode,
    cause_event_id: event.eventId,
    correlation_id: event.metadata.correlationId,
  };
}

function followerOf(event: StoredEvent): FollowerRow | null {
  const created = event as unknown as DiagnosticEvent | ProjectEvent;
  if (created.type !== 'DiagnosticScheduled' && created.type !== 'ProjectProposed') return null;
  return {
    stream_id: event.streamId,
    kind: created.type === 'DiagnosticScheduled' ? 'diagnostic' : 'project',
    aggregate_id: entityId(event),
    enterprise_id: created.data.enterpriseId,
    district_code: created.data.districtCode,
  };
}

function movedTo(event: StoredEvent): string | undefined {
  const changed = event as unknown as DiagnosticEvent | ProjectEvent;
  if (changed.type !== 'DiagnosticDistrictChanged' && changed.type !== 'ProjectDistrictChanged') return undefined;
  return changed.data.to;
}
