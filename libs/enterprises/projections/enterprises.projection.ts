import type { DB } from '#libs/database';
import type { StoredEvent } from '#libs/event-store';
import { entityId, foldIntoDocuments, type Projection, upsertRows } from '#libs/projections';
import type { QueryCreator, Selectable } from 'kysely';
import {
  ENTERPRISE_STREAM,
  enterpriseDecider,
  type EnterpriseEvent,
  type EnterpriseState,
} from '../domain/enterprise.js';

type Row = Selectable<DB['rm_enterprises']>;

function toState(row: Selectable<DB['rm_enterprises']>): EnterpriseState {
  return {
    status: row.status as 'active' | 'closed',
    uscc: row.id,
    name: row.name,
    industryCode: row.industry_code,
    districtCode: row.district_code,
    parkId: row.park_id,
    aboveDesignatedSize: row.above_designated_size,
    statYear: row.stat_year,
  };
}

function evolveRow(row: Row | undefined, event: StoredEvent): Row | undefined {
  const previous: EnterpriseState = row ? toState(row) : { status: 'unregistered' };
  const state = enterpriseDecider.evolve(previous, { type: event.type, data: event.data } as EnterpriseEvent);
  if (state.status === 'unregistered') return row;
  return {
    id: entityId(event),
    name: state.name,
    industry_code: state.industryCode,
    district_code: state.districtCode,
    park_id: state.parkId,
    above_designated_size: state.aboveDesignatedSize,
    stat_year: state.statYear,
    status: state.status,
    registered_at: row?.registered_at ?? event.occurredAt,
    updated_at: event.recordedAt,
    version: event.version,
  };
}

/** Enterprise profiles (rm_enterprises): the filters of the enterprise list and the base of progress figures. */
export const enterprisesProjection: Projection = {
  name: 'enterprises',
  version: 1,
  streamTypes: [ENTERPRISE_STREAM],
  tables: ['rm_enterprises'],
  async apply(db: QueryCreator<DB>, events) {
    await foldIntoDocuments<Row>(
      events,
      async (ids) => {
        const rows = await db.selectFrom('rm_enterprises').selectAll().where('id', 'in', ids).execute();
        return new Map(rows.map((row) => [row.id, row]));
      },
      evolveRow,
      (rows) => upsertRows(db, 'rm_enterprises', ['id'], [...rows.values()]),
    );
  },
};
