import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '#libs/clock';
import { READ_DATABASE, type Database, type DB } from '#libs/database';
import { decodeCursor, type Page, type PageRequest, toPage, today } from '#libs/queries';
import { type Selectable, sql } from 'kysely';

export interface ProviderFilter {
  type?: string | undefined;
  status?: string | undefined;
}

export interface ProviderSummary {
  id: string;
  uscc: string;
  name: string;
  types: string[];
  status: string;
  assessors: { assessorId: string; name: string; validUntil: string; accredited: boolean }[];
  admittedAt: string;
  version: number;
}

export interface ProviderDetail extends ProviderSummary {
  /** Diagnostics assigned to the provider, by status, across all districts. */
  diagnosticsByStatus: Record<string, number>;
  /** Projects contracted to the provider, by stage. */
  projectsByStage: Record<string, number>;
}

function summary(row: Selectable<DB['rm_providers']>, on: string): ProviderSummary {
  return {
    id: row.id,
    uscc: row.id,
    name: row.name,
    types: row.types,
    status: row.status,
    assessors: row.assessors.map((assessor) => ({ ...assessor, accredited: assessor.validUntil >= on })),
    admittedAt: row.admitted_at.toISOString(),
    version: row.version,
  };
}

/**
 * Reads of rm_providers. The provider pool (服务商资源池) is a published directory: every role may read it.
 */
@Injectable()
export class ProviderReadRepository {
  constructor(
    @Inject(READ_DATABASE) private readonly database: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(filter: ProviderFilter, page: PageRequest): Promise<Page<ProviderSummary>> {
    let query = this.database.db.selectFrom('rm_providers').selectAll();
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.type) {
      const type = filter.type;
      query = query.where(sql<boolean>`types @> ${JSON.stringify([type])}::jsonb`);
    }
    if (page.cursor) {
      const [after] = decodeCursor(page.cursor, ['string'] as const);
      query = query.where('id', '>', after);
    }
    const rows = await query
      .orderBy('id')
      .limit(page.limit + 1)
      .execute();
    const on = today(this.clock.now());
    return toPage(
      rows,
      page.limit,
      (row) => summary(row, on),
      (row) => [row.id],
    );
  }

  /** The names of these providers (those admitted), by USCC. */
  async names(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.database.db
      .selectFrom('rm_providers')
      .select(['id', 'name'])
      .where('id', 'in', [...ids])
      .execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  async find(id: string): Promise<ProviderDetail | null> {
    const db = this.database.db;
    const row = await db.selectFrom('rm_providers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const [diagnostics, projects] = await Promise.all([
      db
        .selectFrom('rm_diagnostics')
        .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
        .where('provider_id', '=', id)
        .groupBy('status')
        .execute(),
      db
        .selectFrom('rm_projects')
        .select(['stage', (eb) => eb.fn.countAll<number>().as('count')])
        .where('provider_id', '=', id)
        .groupBy('stage')
        .execute(),
    ]);
    return {
      ...summary(row, today(this.clock.now())),
      diagnosticsByStatus: Object.fromEntries(diagnostics.map((d) => [d.status, Number(d.count)])),
      projectsByStage: Object.fromEntries(projects.map((p) => [p.stage, Number(p.count)])),
    };
  }
}
