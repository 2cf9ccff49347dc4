import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProjectionSpecification } from '#libs/testing';
import { DIAGNOSTIC_STREAM, diagnosticStreamId } from '../domain/diagnostic.js';
import { diagnosticsProjection } from './diagnostics.projection.js';

const ID = '0b7c6f0e-8d0f-4c57-9a56-1f3c7c2b9a01';
const result = (level: number, baseScore: number) => ({
  modelId: 'miit-2024',
  modelVersion: '2024.1',
  dimensionScores: { D1: baseScore / 2, D2: baseScore / 2 },
  baseScore,
  level,
  ruleTrace: [{ level, reached: true }],
});

describe('diagnostics projection', () => {
  let spec: ProjectionSpecification;
  beforeAll(async () => {
    spec = await ProjectionSpecification.for(diagnosticsProjection);
  });
  afterAll(async () => {
    await spec?.close();
  });

  it('should follow a diagnostic from scheduling to an issued report, with scores and level', async () => {
    await spec.given(diagnosticStreamId(ID), DIAGNOSTIC_STREAM, [
      {
        type: 'DiagnosticScheduled',
        data: {
          diagnosticId: ID,
          enterpriseId: '91520900MA6G000010',
          districtCode: '520900',
          campaignId: '2026',
          kind: 'periodic',
          scoringModelId: 'miit-2024',
          scoringModelVersion: '2024.1',
          plannedDate: '2026-03-01',
          dueDate: '2026-04-01',
        },
      },
      { type: 'DiagnosticAssigned', data: { providerId: 'P1', assessorIds: ['as-1'] } },
      { type: 'OnSiteSurveyConducted', data: { date: '2026-03-05', participants: ['as-1'], evidenceIds: [] } },
      { type: 'IndicatorScored', data: { indicatorCode: 'F4', points: 7, evidenceIds: [] } },
      { type: 'ScenarioLevelRated', data: { scenarioCode: 'S01', level: 2, evidenceIds: [] } },
      { type: 'DiagnosticSubmittedForReview', data: { submittedBy: 'key-a' } },
      { type: 'DiagnosticApproved', data: { approverId: 'key-o' } },
      { type: 'MaturityLevelDetermined', data: result(3, 65) },
      {
        type: 'ReportIssued',
        occurredAt: new Date('2026-03-20T01:00:00Z'),
        data: { reportVersion: 1, docHash: 'h1', uri: 'u1' },
      },
    ]);
    const row = await spec.db.selectFrom('rm_diagnostics').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      id: ID,
      enterprise_id: '91520900MA6G000010',
      provider_id: 'P1',
      status: 'report_issued',
      level: 3,
      survey_date: '2026-03-05',
      issued_at: new Date('2026-03-20T01:00:00Z'),
      version: 9,
      corrections: [],
    });
    expect(row.state).toMatchObject({ points: { F4: 7 }, scenarioLevels: { S01: 2 }, result: { baseScore: 65 } });
  });

  it('should record a correction with the level it moved, keep the first issue date, and list disputes', async () => {
    await spec.given(diagnosticStreamId(ID), DIAGNOSTIC_STREAM, [
      {
        type: 'ScoreCorrected',
        occurredAt: new Date('2026-04-02T00:00:00Z'),
        data: {
          target: 'F4',
          targetKind: 'indicator',
          old: 7,
          new: 1,
          reason: '证据不足',
          requestedBy: 'key-o',
          approvedBy: 'key-lead',
        },
      },
      { type: 'MaturityLevelRecomputed', data: { ...result(2, 59), old: 3, new: 2, causedBy: 'e1' } },
      { type: 'ReportReissued', data: { reportVersion: 2, supersedes: 1, docHash: 'h2', uri: 'u2' } },
      { type: 'ReportDisputed', occurredAt: new Date('2026-04-10T00:00:00Z'), data: { by: 'key-e', points: ['S01'] } },
    ]);
    const row = await spec.db.selectFrom('rm_diagnostics').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'in_review',
      level: 2,
      issued_at: new Date('2026-03-20T01:00:00Z'),
      corrections: [
        expect.objectContaining({
          target: 'F4',
          old: 7,
          new: 1,
          levelBefore: 3,
          levelAfter: 2,
          approvedBy: 'key-lead',
        }),
      ],
      disputes: [{ by: 'key-e', points: ['S01'], at: '2026-04-10T00:00:00.000Z' }],
    });
  });

  it('should keep a withdrawn diagnostic, marked withdrawn', async () => {
    await spec.given(diagnosticStreamId(ID), DIAGNOSTIC_STREAM, [
      { type: 'DiagnosticWithdrawn', data: { reasonCode: 'fraud', approvedBy: 'key-lead' } },
    ]);
    const row = await spec.db.selectFrom('rm_diagnostics').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'withdrawn', level: 2 });
  });
});
