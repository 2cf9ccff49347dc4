import { Inject, Injectable } from '@nestjs/common';
import { READ_DATABASE, type Database, type DB, executePrepared } from '#libs/database';
import { decodeCursor, type Page, type PageRequest, type ReadScope, toPage } from '#libs/queries';
import { type ExpressionBuilder, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { EnterpriseState } from '../domain/enterprise.js';

export interface EnterpriseFilter {
  districtCode?: string | undefined;
  parkId?: string | undefined;
  /** A GB/T 4754 code or its prefix: `C39` or `39` matches `C3911`. */
  industryCode?: string | undefined;
  aboveDesignatedSize?: boolean | undefined;
  /** The level of the latest issued, non-withdrawn diagnostic. */
  level?: number | undefined;
  status?: 'active' | 'closed' | undefined;
  /** Free text: the USCC (which is the id) exactly, or a part of the name. */
  q?: string | undefined;
}

export interface EnterpriseSummary {
  id: string;
  uscc: string;
  name: string;
  industryCode: string;
  districtCode: string;
  parkId: string;
  aboveDesignatedSize: boolean;
  statYear: number;
  status: string;
  level: number | null;
  latestDiagnosticId: string | null;
  latestIssuedAt: string | null;
  version: number;
}

export interface EnterpriseProgress extends EnterpriseSummary {
  registeredAt: string;
  updatedAt: string;
  latestDiagnostic: {
    id: string;
    kind: string;
    status: string;
    level: number | null;
    issuedAt: string | null;
    providerId: string | null;
  } | null;
  diagnostics: {
    id: string;
    kind: string;
    status: string;
    level: number | null;
    plannedDate: string;
    dueDate: string;
    issuedAt: string | null;
    providerId: string | null;
  }[];
  projects: {
    byStage: Record<string, number>;
    items: { id: string; name: string; type: string; stage: string; suspended: boolean }[];
  };
  kpiChanges: {
    projectId: string;
    kpiCode: string;
    unit: string;
    baseline: number;
    latest: number | null;
    latestPeriodEnd: string | null;
    relativeChange: number | null;
    improved: boolean | null;
  }[];
}

type E = ExpressionBuilder<DB & { e: DB['rm_enterprises'] }, 'e'>;

/** Which enterprises a scope reaches: by district, by a diagnostic or project of the provider, or its own. */
export function enterpriseInScope(scope: ReadScope) {
  return (eb: E) => {
    switch (scope.kind) {
      case 'all':
        return eb.val(true);
      case 'districts':
        return scope.districtCodes.length ? eb('e.district_code', 'in', scope.districtCodes) : eb.val(false);
      case 'enterprise':
        return eb('e.id', '=', scope.enterpriseId);
      case 'provider':
        return eb.or([
          eb.exists(
            eb
              .selectFrom('rm_diagnostics as sd')
              .select(sql.lit(1).as('one'))
              .whereRef('sd.enterprise_id', '=', 'e.id')
              .where('sd.provider_id', '=', scope.providerId),
          ),
          eb.exists(
            eb
              .selectFrom('rm_projects as sp')
              .select(sql.lit(1).as('one'))
              .whereRef('sp.enterprise_id', '=', 'e.id')
              .where('sp.provider_id', '=', scope.providerId),
          ),
        ]);
    }
  };
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;
/** Timestamps inside JSON arrays arrive as text; they leave in the same ISO form as the others. */
const isoText = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** Reads of rm_enterprises, with each firm's latest issued diagnostic, its projects and KPI changes. */
@Injectable()
export class EnterpriseReadRepository {
  constructor(@Inject(READ_DATABASE) private readonly database: Database) {}

  private base() {
    return this.database.db
      .selectFrom('rm_enterprises as e')
      .leftJoin('rm_enterprise_levels as latest', 'latest.enterprise_id', 'e.id')
      .selectAll('e')
      .select(['latest.diagnostic_id', 'latest.level', 'latest.issued_at as latest_issued_at']);
  }

  /** Whether the enterprise is inside the scope (assessors: through a diagnostic or project of theirs). */
  async isVisible(scope: ReadScope, id: string): Promise<boolean> {
    const row = await this.database.db
      .selectFrom('rm_enterprises as e')
      .select('e.id')
      .where('e.id', '=', id)
      .where(enterpriseInScope(scope))
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * The recorded profiles of these enterprises, whatever the caller's scope: a roster import decides against
   * them (and refuses, itself, what is outside the caller's scope).
   */
  async profiles(ids: readonly string[]): Promise<EnterpriseState[]> {
    if (ids.length === 0) return [];
    const rows = await this.database.db
      .selectFrom('rm_enterprises as e')
      .select([
        'e.id',
        'e.name',
        'e.industry_code',
        'e.district_code',
        'e.park_id',
        'e.above_designated_size',
        'e.stat_year',
        'e.status',
      ])
      .where(sql<boolean>`e.id = any(${[...ids]}::text[])`)
      .execute();
    return rows.map((row) => ({
      status: row.status === 'closed' ? 'closed' : 'active',
      uscc: row.id,
      name: row.name,
      industryCode: row.industry_code,
      districtCode: row.district_code,
      parkId: row.park_id,
      aboveDesignatedSize: row.above_designated_size,
      statYear: row.stat_year,
    }));
  }

  async list(scope: ReadScope, filter: EnterpriseFilter, page: PageRequest): Promise<Page<EnterpriseSummary>> {
    let query = this.base().where(enterpriseInScope(scope));
    if (filter.districtCode) query = query.where('e.district_code', '=', filter.districtCode);
    if (filter.parkId) query = query.where('e.park_id', '=', filter.parkId);
    if (filter.industryCode) {
      const code = filter.industryCode;
      query = query.where((eb) =>
        eb.or([
          eb.fn<boolean>('starts_with', ['e.industry_code', eb.val(code)]),
          eb.fn<boolean>('starts_with', [
            eb.fn('ltrim', ['e.industry_code', eb.val('ABCDEFGHIJKLMNOPQRST')]),
            eb.val(code),
          ]),
        ]),
      );
    }
    if (filter.aboveDesignatedSize !== undefined) {
      query = query.where('e.above_designated_size', '=', filter.aboveDesignatedSize);
    }
    if (filter.status) query = query.where('e.status', '=', filter.status);
    if (filter.level !== undefined) query = query.where('latest.level', '=', filter.level);
    if (filter.q) {
      const text = filter.q;
      const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb('e.id', '=', text.toUpperCase()), eb('e.name', 'ilike', pattern)]));
    }
    if (page.cursor) {
      const [after] = decodeCursor(page.cursor, ['string'] as const);
      query = query.where('e.id', '>', after);
    }
    const rows = await query
      .orderBy('e.id')
      .limit(page.limit + 1)
      .execute();
    return toPage(
      rows,
      page.limit,
      (row) => this.summary(row),
      (row) => [row.id],
    );
  }

  /** One round trip: the profile with its diagnostics, projects and KPI changes as JSON arrays. */
  async progress(scope: ReadScope, id: string): Promise<EnterpriseProgress | null> {
    const provider = scope.kind === 'provider' ? scope.providerId : null;
    const query = this.base()
      .where('e.id', '=', id)
      .where(enterpriseInScope(scope))
      .select((eb) => [
        jsonArrayFrom(
          eb
            .selectFrom('rm_diagnostics as d')
            .select([
              'd.id',
              'd.kind',
              'd.status',
              'd.level',
              'd.planned_date',
              'd.due_date',
              'd.issued_at',
              'd.provider_id',
            ])
            .whereRef('d.enterprise_id', '=', 'e.id')
            .$if(provider !== null, (q) => q.where('d.provider_id', '=', provider))
            .orderBy('d.scheduled_seq', 'desc'),
        ).as('diagnostics'),
        jsonArrayFrom(
          eb
            .selectFrom('rm_projects as p')
            .select(['p.id', 'p.type', 'p.stage', 'p.suspended', sql<string>`p.state->>'name'`.as('name')])
            .whereRef('p.enterprise_id', '=', 'e.id')
            .$if(provider !== null, (q) => q.where('p.provider_id', '=', provider))
            .orderBy('p.proposed_seq', 'desc'),
        ).as('projects'),
        jsonArrayFrom(
          eb
            .selectFrom('rm_project_kpis as k')
            .innerJoin('rm_projects as kp', 'kp.id', 'k.project_id')
            .selectAll('k')
            .whereRef('kp.enterprise_id', '=', 'e.id')
            .$if(provider !== null, (q) => q.where('kp.provider_id', '=', provider))
            .orderBy('k.project_id')
            .orderBy('k.kpi_code'),
        ).as('kpis'),
      ]);
    const [row] = await executePrepared(this.database, query);
    if (!row) return null;
    const latest = row.diagnostics.find((diagnostic) => diagnostic.id === row.diagnostic_id);
    const byStage: Record<string, number> = {};
    for (const project of row.projects) byStage[project.stage] = (byStage[project.stage] ?? 0) + 1;
    return {
      ...this.summary(row),
      registeredAt: row.registered_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      latestDiagnostic: latest
        ? {
            id: latest.id,
            kind: latest.kind,
            status: latest.status,
            level: latest.level,
            issuedAt: isoText(latest.issued_at),
            providerId: latest.provider_id,
          }
        : null,
      diagnostics: row.diagnostics.map((diagnostic) => ({
        id: diagnostic.id,
        kind: diagnostic.kind,
        status: diagnostic.status,
        level: diagnostic.level,
        plannedDate: diagnostic.planned_date,
        dueDate: diagnostic.due_date,
        issuedAt: isoText(diagnostic.issued_at),
        providerId: diagnostic.provider_id,
      })),
      projects: {
        byStage,
        items: row.projects.map((project) => ({
          id: project.id,
          name: project.name,
          type: project.type,
          stage: project.stage,
          suspended: project.suspended,
        })),
      },
      kpiChanges: row.kpis.map((kpi) => ({
        projectId: kpi.project_id,
        kpiCode: kpi.kpi_code,
        unit: kpi.unit,
        baseline: kpi.baseline,
        latest: kpi.latest,
        latestPeriodEnd: kpi.latest_period_end,
        relativeChange: kpi.relative_change,
        improved: kpi.improved,
      })),
    };
  }

  private summary(row: {
    id: string;
    name: string;
    industry_code: string;
    district_code: string;
    park_id: string;
    above_designated_size: boolean;
    stat_year: number;
    status: string;
    version: number;
    diagnostic_id: string | null;
    level: number | null;
    latest_issued_at: Date | null;
  }): EnterpriseSummary {
    return {
      id: row.id,
      uscc: row.id,
      name: row.name,
      industryCode: row.industry_code,
      districtCode: row.district_code,
      parkId: row.park_id,
      aboveDesignatedSize: row.above_designated_size,
      statYear: row.stat_year,
      status: row.status,
      level: row.level,
      latestDiagnosticId: row.diagnostic_id,
      latestIssuedAt: iso(row.latest_issued_at),
      version: row.version,
    };
  }
}
