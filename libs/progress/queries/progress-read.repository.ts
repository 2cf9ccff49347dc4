import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '#libs/clock';
import { READ_DATABASE, type Database } from '#libs/database';
import { KPIS, type KpiCode } from '#libs/projects';
import type { ReadScope } from '#libs/queries';
import { type RawBuilder, sql } from 'kysely';

export const PROGRESS_GROUPINGS = ['district', 'park', 'industry'] as const;
export type ProgressGrouping = (typeof PROGRESS_GROUPINGS)[number];

export interface ProgressFigures {
  enterprisesAboveSize: number;
  diagnosedEver: number;
  diagnosedWithin12Months: number;
  /** Shares of the enterprises above designated size (null when there are none). */
  coverageEver: number | null;
  coverageWithin12Months: number | null;
  /** Latest issued level of each diagnosed enterprise above designated size. */
  levelDistribution: Record<'L0' | 'L1' | 'L2' | 'L3' | 'L4', number>;
  projectsByStage: Record<string, number>;
  acceptedProjects: number;
  /** Accepted projects' KPI changes relative to their baselines. */
  kpiChanges: { kpiCode: string; name: string; projects: number; medianChange: number; improvedShare: number }[];
}

export interface ProgressGroup extends ProgressFigures {
  key: string;
}

export interface Progress {
  groupBy: ProgressGrouping;
  districtCode: string | null;
  computedAt: string;
  groups: ProgressGroup[];
  totals: ProgressFigures;
}

/** The grouping column: a constant per grouping, never request text. */
const GROUP_KEYS: Record<ProgressGrouping, RawBuilder<string>> = {
  district: sql`e.district_code`,
  park: sql`e.park_id`,
  industry: sql`coalesce(substring(e.industry_code from '[0-9]{2}'), e.industry_code)`,
};

const round = (value: number): number => Math.round(value * 10_000) / 10_000;
const share = (part: number, whole: number): number | null => (whole === 0 ? null : round(part / whole));

interface FirmRow {
  key: string | null;
  total: boolean;
  above: number;
  ever: number;
  recent: number;
  l0: number;
  l1: number;
  l2: number;
  l3: number;
  l4: number;
}

/**
 * `GET /v1/progress`: coverage, levels, project funnel and KPI medians per district, park or industry, with
 * the totals, from the read models in three grouped queries (GROUPING SETS give the totals in the same pass).
 */
@Injectable()
export class ProgressReadRepository {
  constructor(
    @Inject(READ_DATABASE) private readonly database: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A fingerprint of the read models' state: their positions and versions, which move with every change. */
  async readModelState(projections: readonly string[]): Promise<string> {
    const { rows } = await sql<{ state: string | null }>`
      select string_agg(name || ':' || version || ':' || transaction_id::text || '-' || global_position, ',' order by name)
        as state
      from projection_checkpoints where name = any(${projections}::text[])`.execute(this.database.db);
    return rows[0]?.state ?? '';
  }

  async progress(
    scope: ReadScope,
    groupBy: ProgressGrouping,
    districtCode: string | undefined,
    now: Date = this.clock.now(),
  ): Promise<Progress> {
    const key = GROUP_KEYS[groupBy];
    const districts = scope.kind === 'districts' ? scope.districtCodes : null;
    const inScope = sql`(${districts}::text[] is null or e.district_code = any(${districts}::text[]))
      and (${districtCode ?? null}::text is null or e.district_code = ${districtCode ?? null})`;
    const since = new Date(now);
    since.setUTCFullYear(since.getUTCFullYear() - 1);
    const db = this.database.db;

    const [firms, stages, kpis] = await Promise.all([
      sql<FirmRow>`
        with firms as (
          select ${key} as key, l.level, l.issued_at
          from rm_enterprises e left join rm_enterprise_levels l on l.enterprise_id = e.id
          where e.status = 'active' and e.above_designated_size and ${inScope}
        )
        select key, grouping(key) = 1 as total, count(*)::int as above,
          count(*) filter (where issued_at is not null)::int as ever,
          count(*) filter (where issued_at >= ${since})::int as recent,
          count(*) filter (where level = 0)::int as l0, count(*) filter (where level = 1)::int as l1,
          count(*) filter (where level = 2)::int as l2, count(*) filter (where level = 3)::int as l3,
          count(*) filter (where level = 4)::int as l4
        from firms group by grouping sets ((key), ())`.execute(db),
      sql<{ key: string | null; total: boolean; stage: string; count: number }>`
        select ${key} as key, grouping(${key}) = 1 as total, p.stage, count(*)::int as count
        from rm_projects p join rm_enterprises e on e.id = p.enterprise_id
        where ${inScope}
        group by grouping sets ((${key}, p.stage), (p.stage))`.execute(db),
      sql<{ key: string | null; total: boolean; kpi_code: string; projects: number; median: number; improved: number }>`
        select ${key} as key, grouping(${key}) = 1 as total, k.kpi_code, count(*)::int as projects,
          percentile_cont(0.5) within group (order by k.relative_change) as median,
          avg(case when k.improved then 1.0 else 0.0 end)::float8 as improved
        from rm_project_kpis k
          join rm_projects p on p.id = k.project_id
          join rm_enterprises e on e.id = p.enterprise_id
        where p.stage = 'accepted' and k.relative_change is not null and ${inScope}
        group by grouping sets ((${key}, k.kpi_code), (k.kpi_code))`.execute(db),
    ]);

    const figures = (groupKey: string | null): ProgressFigures => {
      const firm = firms.rows.find((row) => (groupKey === null ? row.total : !row.total && row.key === groupKey));
      const projectsByStage: Record<string, number> = {};
      for (const row of stages.rows) {
        if (groupKey === null ? row.total : !row.total && row.key === groupKey) projectsByStage[row.stage] = row.count;
      }
      const above = firm?.above ?? 0;
      return {
        enterprisesAboveSize: above,
        diagnosedEver: firm?.ever ?? 0,
        diagnosedWithin12Months: firm?.recent ?? 0,
        coverageEver: share(firm?.ever ?? 0, above),
        coverageWithin12Months: share(firm?.recent ?? 0, above),
        levelDistribution: {
          L0: firm?.l0 ?? 0,
          L1: firm?.l1 ?? 0,
          L2: firm?.l2 ?? 0,
          L3: firm?.l3 ?? 0,
          L4: firm?.l4 ?? 0,
        },
        projectsByStage,
        acceptedProjects: projectsByStage.accepted ?? 0,
        kpiChanges: kpis.rows
          .filter((row) => (groupKey === null ? row.total : !row.total && row.key === groupKey))
          .map((row) => ({
            kpiCode: row.kpi_code,
            name: KPIS[row.kpi_code as KpiCode]?.name ?? row.kpi_code,
            projects: row.projects,
            medianChange: round(row.median),
            improvedShare: round(row.improved),
          }))
          .sort((a, b) => a.kpiCode.localeCompare(b.kpiCode)),
      };
    };

    const keys = new Set<string>();
    for (const row of [...firms.rows, ...stages.rows, ...kpis.rows])
      if (!row.total && row.key !== null) keys.add(row.key);
    return {
      groupBy,
      districtCode: districtCode ?? null,
      computedAt: now.toISOString(),
      groups: [...keys].sort().map((groupKey) => ({ key: groupKey, ...figures(groupKey) })),
      totals: figures(null),
    };
  }
}
