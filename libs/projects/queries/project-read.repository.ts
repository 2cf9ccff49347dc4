import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '#libs/clock';
import { READ_DATABASE, type Database, type DB, executePrepared } from '#libs/database';
import { daysBetween, decodeCursor, type Page, type PageRequest, type ReadScope, toPage, today } from '#libs/queries';
import type { ExpressionBuilder } from 'kysely';
import { type KpiCode, KPIS } from '../domain/kpis.js';
import type { Project } from '../domain/project.js';

export interface ProjectFilter {
  enterpriseId?: string | undefined;
  districtCode?: string | undefined;
  parkId?: string | undefined;
  providerId?: string | undefined;
  stage?: string | undefined;
  type?: string | undefined;
}

export interface ProjectSummary {
  id: string;
  enterpriseId: string;
  districtCode: string;
  parkId: string | null;
  name: string;
  type: string;
  stage: string;
  suspended: boolean;
  providerId: string | null;
  plannedBudget: number;
  approvedBudget: number | null;
  subsidyDisbursed: number;
  acceptedOn: string | null;
  overdueMilestones: number;
  version: number;
}

export interface ProjectDetail extends ProjectSummary {
  scenarios: string[];
  subsidy: { rate: number | null; cap: number | null; disbursed: number };
  contractValue: number | null;
  baselineLocked: boolean;
  milestones: {
    id: string;
    name: string;
    due: string;
    mandatory: boolean;
    completedOn: string | null;
    overdue: boolean;
    daysOverdue: number;
  }[];
  constructionStartedOn: string | null;
  trialRunStartedOn: string | null;
  acceptanceUnderReview: boolean;
  demonstrations: Project['demonstrations'];
  kpis: {
    kpiCode: string;
    name: string;
    unit: string;
    better: string;
    baseline: number;
    latest: number | null;
    latestPeriodEnd: string | null;
    relativeChange: number | null;
    /** Whether the latest value moved the better way for this KPI (null without a measurement). */
    improved: boolean | null;
  }[];
  updatedAt: string;
}

type P = ExpressionBuilder<DB & { p: DB['rm_projects'] }, 'p'>;

export function projectInScope(scope: ReadScope) {
  return (eb: P) => {
    switch (scope.kind) {
      case 'all':
        return eb.val(true);
      case 'districts':
        return scope.districtCodes.length ? eb('p.district_code', 'in', scope.districtCodes) : eb.val(false);
      case 'provider':
        return eb('p.provider_id', '=', scope.providerId);
      case 'enterprise':
        return eb('p.enterprise_id', '=', scope.enterpriseId);
    }
  };
}

function milestones(project: Project, on: string): ProjectDetail['milestones'] {
  return project.milestones.map((milestone) => {
    const overdue = milestone.completedOn === null && milestone.due < on;
    return { ...milestone, overdue, daysOverdue: overdue ? daysBetween(milestone.due, on) : 0 };
  });
}

/** Reads of rm_projects and rm_project_kpis (the park comes from the enterprise). */
@Injectable()
export class ProjectReadRepository {
  constructor(
    @Inject(READ_DATABASE) private readonly database: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private base() {
    return this.database.db
      .selectFrom('rm_projects as p')
      .leftJoin('rm_enterprises as e', 'e.id', 'p.enterprise_id')
      .selectAll('p')
      .select('e.park_id');
  }

  async list(scope: ReadScope, filter: ProjectFilter, page: PageRequest): Promise<Page<ProjectSummary>> {
    let query = this.base().where(projectInScope(scope));
    if (filter.enterpriseId) query = query.where('p.enterprise_id', '=', filter.enterpriseId);
    if (filter.districtCode) query = query.where('p.district_code', '=', filter.districtCode);
    if (filter.parkId) query = query.where('e.park_id', '=', filter.parkId);
    if (filter.providerId) query = query.where('p.provider_id', '=', filter.providerId);
    if (filter.stage) query = query.where('p.stage', '=', filter.stage);
    if (filter.type) query = query.where('p.type', '=', filter.type);
    if (page.cursor) {
      const [after] = decodeCursor(page.cursor, ['number'] as const);
      query = query.where('p.proposed_seq', '<', after);
    }
    const rows = await query
      .orderBy('p.proposed_seq', 'desc')
      .limit(page.limit + 1)
      .execute();
    const on = today(this.clock.now());
    return toPage(
      rows,
      page.limit,
      (row) => this.summary(row, on),
      (row) => [row.proposed_seq],
    );
  }

  async find(scope: ReadScope, id: string): Promise<ProjectDetail | null> {
    const [row] = await executePrepared(this.database, this.base().where('p.id', '=', id).where(projectInScope(scope)));
    if (!row) return null;
    const kpis = await this.database.db
      .selectFrom('rm_project_kpis')
      .selectAll()
      .where('project_id', '=', id)
      .orderBy('kpi_code')
      .execute();
    const project = row.state as unknown as Project;
    const on = today(this.clock.now());
    return {
      ...this.summary(row, on),
      scenarios: project.scenarios,
      subsidy: { rate: project.subsidyRate, cap: project.subsidyCap, disbursed: project.subsidyDisbursed },
      contractValue: project.contractValue,
      baselineLocked: project.baselineLocked,
      milestones: milestones(project, on),
      constructionStartedOn: project.constructionStartedOn,
      trialRunStartedOn: project.trialRunStartedOn,
      acceptanceUnderReview: project.acceptanceUnderReview,
      demonstrations: project.demonstrations,
      kpis: kpis.map((kpi) => ({
        kpiCode: kpi.kpi_code,
        name: KPIS[kpi.kpi_code as KpiCode]?.name ?? kpi.kpi_code,
        unit: kpi.unit,
        better: kpi.better,
        baseline: kpi.baseline,
        latest: kpi.latest,
        latestPeriodEnd: kpi.latest_period_end,
        relativeChange: kpi.relative_change,
        improved: kpi.improved,
      })),
      updatedAt: row.updated_at.toISOString(),
    };
  }

  private summary(
    row: Awaited<ReturnType<ReturnType<ProjectReadRepository['base']>['executeTakeFirstOrThrow']>>,
    on: string,
  ): ProjectSummary {
    const project = row.state as unknown as Project;
    return {
      id: row.id,
      enterpriseId: row.enterprise_id,
      districtCode: row.district_code,
      parkId: row.park_id,
      name: project.name,
      type: row.type,
      stage: row.stage,
      suspended: row.suspended,
      providerId: row.provider_id,
      plannedBudget: row.planned_budget,
      approvedBudget: row.approved_budget,
      subsidyDisbursed: row.subsidy_disbursed,
      acceptedOn: row.accepted_on,
      overdueMilestones: milestones(project, on).filter((milestone) => milestone.overdue).length,
      version: row.version,
    };
  }
}
