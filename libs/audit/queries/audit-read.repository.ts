import { Inject, Injectable } from '@nestjs/common';
import { READ_DATABASE, type Database } from '#libs/database';
import type { Lang } from '#libs/labels';
import { decodeCursor, type Page, type PageRequest, type ReadScope, toPage } from '#libs/queries';
import type { AggregateType } from '../domain/audited-aggregates.js';
import { type AuditDetails, entryFromRow, type HistoryEntry } from '../history-entry.js';

export interface AuditFilter {
  aggregateType?: AggregateType | undefined;
  aggregateId?: string | undefined;
  /** The API key (actor id) that sent the commands. */
  actor?: string | undefined;
  type?: string | undefined;
  /** Recorded at or after / before this moment. */
  from?: Date | undefined;
  to?: Date | undefined;
}

export type AuditEntry = Omit<HistoryEntry, 'data'> & { aggregateType: string; aggregateId: string };

/** The global audit history (rm_audit), newest first; districts see their objects and the provider pool. */
@Injectable()
export class AuditReadRepository {
  constructor(@Inject(READ_DATABASE) private readonly database: Database) {}

  /** Entries newest first, each summed up in `lang`. */
  async search(scope: ReadScope, filter: AuditFilter, page: PageRequest, lang: Lang): Promise<Page<AuditEntry>> {
    let query = this.database.db
      .selectFrom('rm_audit')
      .select([
        'global_position',
        'aggregate_type',
        'aggregate_id',
        'version',
        'type',
        'summary',
        'actor_id',
        'actor_role',
        'actor_org',
        'occurred_at',
        'recorded_at',
        'correlation_id',
        'details',
      ]);
    if (scope.kind === 'districts') {
      const codes = scope.districtCodes;
      query = query.where((eb) =>
        eb.or([eb('district_code', 'is', null), ...(codes.length ? [eb('district_code', 'in', codes)] : [])]),
      );
    } else if (scope.kind !== 'all') {
      query = query.where((eb) => eb.val(false));
    }
    if (filter.aggregateType) query = query.where('aggregate_type', '=', filter.aggregateType);
    if (filter.aggregateId) query = query.where('aggregate_id', '=', filter.aggregateId);
    if (filter.actor) query = query.where('actor_id', '=', filter.actor);
    if (filter.type) query = query.where('type', '=', filter.type);
    if (filter.from) query = query.where('recorded_at', '>=', filter.from);
    if (filter.to) query = query.where('recorded_at', '<', filter.to);
    if (page.cursor) {
      const [before] = decodeCursor(page.cursor, ['number'] as const);
      query = query.where('global_position', '<', before);
    }
    const rows = await query
      .orderBy('global_position', 'desc')
      .limit(page.limit + 1)
      .execute();
    return toPage(
      rows,
      page.limit,
      (row) => ({
        aggregateType: row.aggregate_type,
        aggregateId: row.aggregate_id,
        ...entryFromRow(
          {
            version: row.version,
            type: row.type,
            summary: row.summary,
            occurredAt: row.occurred_at,
            recordedAt: row.recorded_at,
            actor: { id: row.actor_id, role: row.actor_role, org: row.actor_org },
            correlationId: row.correlation_id,
          },
          row.details as unknown as AuditDetails,
          lang,
        ),
      }),
      (row) => [row.global_position],
    );
  }
}
