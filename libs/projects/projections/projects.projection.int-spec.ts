import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProjectionSpecification } from '#libs/testing';
import { PROJECT_STREAM, projectStreamId } from '../domain/project.js';
import { projectsProjection } from './projects.projection.js';

const ID = '5d3c1a2b-0000-4000-8000-000000000001';
const period = { periodStart: '2026-01-01', periodEnd: '2026-03-31' };

describe('projects projection', () => {
  let spec: ProjectionSpecification;
  beforeAll(async () => {
    spec = await ProjectionSpecification.for(projectsProjection);
  });
  afterAll(async () => {
    await spec?.close();
  });

  it('should keep the stage, budget and each KPI with its latest value and direction', async () => {
    await spec.given(projectStreamId(ID), PROJECT_STREAM, [
      {
        type: 'ProjectProposed',
        data: {
          projectId: ID,
          enterpriseId: '91520900MA6G000010',
          districtCode: '520900',
          type: 'digital_workshop',
          name: '数字化车间',
          scenarios: ['S05'],
          sourceRecIds: [],
          plannedBudget: 5_000_000,
        },
      },
      {
        type: 'ProjectApproved',
        data: { approvalNo: 'GA-1', approvedBudget: 4_800_000, subsidyRate: 0.2, subsidyCap: 1_000_000 },
      },
      { type: 'ServiceContractSigned', data: { providerId: 'P1', value: 4_500_000 } },
      { type: 'BaselineRecorded', data: { kpiCode: 'yield_rate', value: 80, unit: '%', method: 'MES', ...period } },
      {
        type: 'BaselineRecorded',
        data: { kpiCode: 'energy_per_output', value: 0.5, unit: 'tce', method: '台账', ...period },
      },
      { type: 'BaselineRecorded', data: { kpiCode: 'oee', value: 60, unit: '%', method: 'MES', ...period } },
      { type: 'BaselineLocked', data: { kpiCodes: ['yield_rate', 'energy_per_output', 'oee'] } },
      {
        type: 'KpiMeasured',
        data: {
          kpiCode: 'yield_rate',
          value: 90,
          unit: '%',
          source: 'manual',
          periodStart: '2026-07-01',
          periodEnd: '2026-09-30',
        },
      },
      {
        type: 'KpiMeasured',
        data: {
          kpiCode: 'yield_rate',
          value: 100,
          unit: '%',
          source: 'manual',
          periodStart: '2026-10-01',
          periodEnd: '2026-10-31',
        },
      },
      {
        type: 'KpiMeasured',
        data: {
          kpiCode: 'energy_per_output',
          value: 0.6,
          unit: 'tce',
          source: 'manual',
          periodStart: '2026-07-01',
          periodEnd: '2026-09-30',
        },
      },
      { type: 'MilestonePlanned', data: { id: 'M1', name: 'MES 上线', due: '2026-06-30', mandatory: true } },
    ]);
    const project = await spec.db.selectFrom('rm_projects').selectAll().executeTakeFirstOrThrow();
    expect(project).toMatchObject({
      id: ID,
      stage: 'baseline_locked',
      provider_id: 'P1',
      planned_budget: 5_000_000,
      approved_budget: 4_800_000,
      subsidy_disbursed: 0,
      version: 11,
    });
    const kpis = await spec.db.selectFrom('rm_project_kpis').selectAll().orderBy('kpi_code').execute();
    expect(kpis).toEqual([
      expect.objectContaining({
        kpi_code: 'energy_per_output',
        baseline: 0.5,
        latest: 0.6,
        relative_change: 0.2,
        improved: false,
      }),
      expect.objectContaining({ kpi_code: 'oee', baseline: 60, latest: null, relative_change: null, improved: null }),
      expect.objectContaining({
        kpi_code: 'yield_rate',
        latest: 100,
        latest_period_end: '2026-10-31',
        relative_change: 0.25,
        improved: true,
      }),
    ]);
  });

  it('should follow a baseline correction into the KPI change', async () => {
    await spec.given(projectStreamId(ID), PROJECT_STREAM, [
      {
        type: 'BaselineCorrected',
        data: { kpiCode: 'yield_rate', old: 80, new: 50, reason: '口径', requestedBy: 'a', approvedBy: 'b' },
      },
    ]);
    const yieldRate = await spec.db
      .selectFrom('rm_project_kpis')
      .selectAll()
      .where('kpi_code', '=', 'yield_rate')
      .executeTakeFirstOrThrow();
    expect(yieldRate).toMatchObject({ baseline: 50, relative_change: 1, improved: true });
  });
});
