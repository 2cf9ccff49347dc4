import type { Database } from '#libs/database';

/** A diagnostic or a project whose recorded district is not its enterprise's any more. */
export interface PendingMove {
  kind: 'diagnostic' | 'project';
  aggregateId: string;
  enterpriseId: string;
  from: string;
  to: string;
  causeEventId: string;
  correlationId: string;
}

export class DistrictMovesRepository {
  constructor(private readonly database: Database) {}

  /** The moves still to record (a page of them). */
  async pending(limit: number): Promise<PendingMove[]> {
    const rows = await this.database.db
      .selectFrom('rm_district_followers as f')
      .innerJoin('rm_district_enterprises as e', 'e.enterprise_id', 'f.enterprise_id')
      .select([
        'f.kind',
        'f.aggregate_id',
        'f.enterprise_id',
        'f.district_code as from',
        'e.district_code as to',
        'e.cause_event_id',
        'e.correlation_id',
      ])
      .whereRef('f.district_code', '<>', 'e.district_code')
      .orderBy('f.stream_id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      kind: row.kind === 'project' ? 'project' : 'diagnostic',
      aggregateId: row.aggregate_id,
      enterpriseId: row.enterprise_id,
      from: row.from,
      to: row.to,
      causeEventId: row.cause_event_id,
      correlationId: row.correlation_id,
    }));
  }
}
