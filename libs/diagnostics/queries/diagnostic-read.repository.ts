import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '#libs/clock';
import { READ_DATABASE, type Database, type DB, executePrepared } from '#libs/database';
import { decodeCursor, type Page, type PageRequest, type ReadScope, toPage, today } from '#libs/queries';
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Diagnostic } from '../domain/diagnostic.js';
import type { CorrectionEntry, DisputeEntry } from '../projections/diagnostics.projection.js';

export interface DiagnosticFilter {
  enterpriseId?: string | undefined;
  districtCode?: string | undefined;
  providerId?: string | undefined;
  status?: string | undefined;
  kind?: string | undefined;
  campaignId?: string | undefined;
  level?: number | undefined;
  overdue?: boolean | undefined;
}

export interface DiagnosticSummary {
  id: string;
  enterpriseId: string;
  districtCode: string;
  providerId: string | null;
  kind: string;
  campaignId: string;
  status: string;
  level: number | null;
  plannedDate: string;
  dueDate: string;
  surveyDate: string | null;
  issuedAt: string | null;
  /** Not yet issued and past its due date. */
  overdue: boolean;
  version: number;
}

export interface DiagnosticDetail extends DiagnosticSummary {
  assessorIds: string[];
  scoringModel: { id: string; version: string };
  points: Record<string, number>;
  scenarioLevels: Record<string, number>;
  dimensionScores: Record<string, number> | null;
  baseScore: number | null;
  ruleTrace: unknown[] | null;
  reportVersion: number;
  recommendations: Diagnostic['recommendations'];
  selfAssessment: Diagnostic['selfAssessment'];
  corrections: CorrectionEntry[];
  disputes: DisputeEntry[];
  updatedAt: string;
}

type D = ExpressionBuilder<DB & { d: DB['rm_diagnostics'] }, 'd'>;

export function diagnosticInScope(scope: ReadScope) {
  return (eb: D) => {
    switch (scope.kind) {
      case 'all':
        return eb.val(true);
      case 'districts':
        return scope.districtCodes.length ? eb('d.district_code', 'in', scope.districtCodes) : eb.val(false);
      case 'provider':
        return eb('d.provider_id', '=', scope.providerId);
      case 'enterprise':
        return eb('d.enterprise_id', '=', scope.enterpriseId);
    }
  };
}

const OPEN_STATUSES = ['scheduled', 'assigned', 'surveyed', 'in_review', 'approved'];

type Row = Selectable<DB['rm_diagnostics']>;

function summary(row: Row, on: string): DiagnosticSummary {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    districtCode: row.district_code,
    providerId: row.provider_id,
    kind: row.kind,
    campaignId: row.campaign_id,
    status: row.status,
    level: row.level,
    plannedDate: row.planned_date,
    dueDate: row.due_date,
    surveyDate: row.survey_date,
    issuedAt: row.issued_at?.toISOString() ?? null,
    overdue: OPEN_STATUSES.includes(row.status) && row.due_date < on,
    version: row.version,
  };
}

/** Reads of rm_diagnostics. */
@Injectable()
export class DiagnosticReadRepository {
  constructor(
    @Inject(READ_DATABASE) private readonly database: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(scope: ReadScope, filter: DiagnosticFilter, page: PageRequest): Promise<Page<DiagnosticSummary>> {
    const on = today(this.clock.now());
    let query = this.database.db.selectFrom('rm_diagnostics as d').selectAll('d').where(diagnosticInScope(scope));
    if (filter.enterpriseId) query = query.where('d.enterprise_id', '=', filter.enterpriseId);
    if (filter.districtCode) query = query.where('d.district_code', '=', filter.districtCode);
    if (filter.providerId) query = query.where('d.provider_id', '=', filter.providerId);
    if (filter.status) query = query.where('d.status', '=', filter.status);
    if (filter.kind) query = query.where('d.kind', '=', filter.kind);
    if (filter.campaignId) query = query.where('d.campaign_id', '=', filter.campaignId);
    if (filter.level !== undefined) query = query.where('d.level', '=', filter.level);
    if (filter.overdue !== undefined) {
      query = filter.overdue
        ? query.where('d.status', 'in', OPEN_STATUSES).where('d.due_date', '<', on)
        : query.where((eb) => eb.or([eb('d.status', 'not in', OPEN_STATUSES), eb('d.due_date', '>=', on)]));
    }
    if (page.cursor) {
      const [after] = decodeCursor(page.cursor, ['number'] as const);
      query = query.where('d.scheduled_seq', '<', after);
    }
    const rows = await query
      .orderBy('d.scheduled_seq', 'desc')
      .limit(page.limit + 1)
      .execute();
    return toPage(
      rows,
      page.limit,
      (row) => summary(row, on),
      (row) => [row.scheduled_seq],
    );
  }

  async find(scope: ReadScope, id: string): Promise<DiagnosticDetail | null> {
    const [row] = await executePrepared(
      this.database,
      this.database.db
        .selectFrom('rm_diagnostics as d')
        .selectAll('d')
        .where('d.id', '=', id)
        .where(diagnosticInScope(scope)),
    );
    if (!row) return null;
    const state = row.state as unknown as Diagnostic;
    return {
      ...summary(row, today(this.clock.now())),
      assessorIds: state.assessorIds,
      scoringModel: { id: state.scoringModelId, version: state.scoringModelVersion },
      points: state.points,
      scenarioLevels: state.scenarioLevels,
      dimensionScores: state.result?.dimensionScores ?? null,
      baseScore: state.result?.baseScore ?? null,
      ruleTrace: state.result?.ruleTrace ?? null,
      reportVersion: state.reportVersion,
      recommendations: state.recommendations,
      selfAssessment: state.selfAssessment,
      corrections: row.corrections as unknown as CorrectionEntry[],
      disputes: row.disputes as unknown as DisputeEntry[],
      updatedAt: row.updated_at.toISOString(),
    };
  }
}
