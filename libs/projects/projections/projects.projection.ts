import type { DB } from '#libs/database';
import type { StoredEvent } from '#libs/event-store';
import { foldIntoDocuments, type Projection, type ReadModelRow, upsertRows } from '#libs/projections';
import type { QueryCreator, Selectable } from 'kysely';
import { type KpiCode, KPIS } from '../domain/kpis.js';
import {
  type Project,
  PROJECT_STREAM,
  projectDecider,
  type ProjectEvent,
  type ProjectState,
} from '../domain/project.js';

type KpiRow = ReadModelRow<'rm_project_kpis'>;

interface Doc {
  state: ProjectState;
  proposedSeq: number;
  updatedAt: Date;
  version: number;
}

function evolveDoc(doc: Doc | undefined, event: StoredEvent): Doc | undefined {
  const state = projectDecider.evolve(doc?.state ?? projectDecider.initialState(), {
    type: event.type,
    data: event.data,
  } as ProjectEvent);
  if (state.stage === 'none') return doc;
  return {
    state,
    proposedSeq: doc?.proposedSeq ?? event.position.globalPosition,
    updatedAt: event.recordedAt,
    version: event.version,
  };
}

/**
 * Each KPI with a baseline: the latest measurement (by period end) in the baseline's unit, its change
 * relative to the baseline and whether that is the better direction for the KPI.
 */
export function kpiChanges(project: Project): KpiRow[] {
  return Object.entries(project.baselines).flatMap(([code, baseline]) => {
    if (!baseline) return [];
    const better = KPIS[code as KpiCode]?.better ?? 'up';
    const latest = (project.measurements[code as KpiCode] ?? [])
      .filter((measurement) => measurement.unit === baseline.unit)
      .reduce<(typeof project.measurements)[KpiCode]>((found, measurement) => {
        const best = found?.[0];
        return !best || measurement.periodEnd >= best.periodEnd ? [measurement] : found;
      }, undefined)?.[0];
    const change =
      latest === undefined || baseline.value === 0 ? null : (latest.value - baseline.value) / Math.abs(baseline.value);
    return [
      {
        project_id: project.id,
        kpi_code: code,
        unit: baseline.unit,
        better,
        baseline: baseline.value,
        latest: latest?.value ?? null,
        latest_period_end: latest?.periodEnd ?? null,
        relative_change: change === null ? null : Math.round(change * 1e6) / 1e6,
        improved: change === null ? null : better === 'up' ? change > 0 : change < 0,
      },
    ];
  });
}

/** Projects with stage, milestones, budget and KPI changes (rm_projects, rm_project_kpis). */
export const projectsProjection: Projection = {
  name: 'projects',
  version: 1,
  streamTypes: [PROJECT_STREAM],
  tables: ['rm_projects', 'rm_project_kpis'],
  async apply(db: QueryCreator<DB>, events) {
    await foldIntoDocuments<Doc>(
      events,
      async (ids) => {
        const rows = await db.selectFrom('rm_projects').selectAll().where('id', 'in', ids).execute();
        return new Map(
          rows.map((row: Selectable<DB['rm_projects']>) => [
            row.id,
            {
              state: row.state as unknown as Project,
              proposedSeq: row.proposed_seq,
              updatedAt: row.updated_at,
              version: row.version,
            },
          ]),
        );
      },
      evolveDoc,
      async (docs) => {
        const projects = [...docs.values()].flatMap((doc) =>
          doc.state.stage === 'none' ? [] : [{ doc, project: doc.state }],
        );
        await upsertRows(
          db,
          'rm_projects',
          ['id'],
          projects.map(({ doc, project }) => ({
            id: project.id,
            enterprise_id: project.enterpriseId,
            district_code: project.districtCode,
            provider_id: project.providerId,
            type: project.type,
            stage: project.stage,
            suspended: project.suspended,
            planned_budget: project.plannedBudget,
            approved_budget: project.approvedBudget,
            subsidy_disbursed: project.subsidyDisbursed,
            accepted_on: project.acceptedOn,
            proposed_seq: doc.proposedSeq,
            updated_at: doc.updatedAt,
            version: doc.version,
            state: project,
          })),
        );
        if (projects.length === 0) return;
        await db
          .deleteFrom('rm_project_kpis')
          .where(
            'project_id',
            'in',
            projects.map(({ project }) => project.id),
          )
          .execute();
        await upsertRows(
          db,
          'rm_project_kpis',
          ['project_id', 'kpi_code'],
          projects.flatMap(({ project }) => kpiChanges(project)),
        );
      },
    );
  },
};
