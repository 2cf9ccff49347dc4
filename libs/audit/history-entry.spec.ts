import { describe, expect, it } from '@jest/globals';
import type { DiagnosticEvent } from '#libs/diagnostics';
import type { EnterpriseEvent } from '#libs/enterprises';
import type { StoredEvent } from '#libs/event-store';
import type { ProjectEvent } from '#libs/projects';
import type { ProviderEvent } from '#libs/providers';
import { aScheduledDiagnostic, anEventMetadata, WORKED_EXAMPLE_POINTS } from '#libs/testing';
import { type AggregateType, AUDITED_AGGREGATES } from './domain/audited-aggregates.js';
import { hasSummary, summarize } from './domain/summaries.js';
import { auditRowOf, entryFromRow, foldEntry, type HistoryEntry } from './history-entry.js';

// Every event type of each aggregate, checked by the compiler: a new event type fails to compile here until
// this test gives it a history entry.
const ENTERPRISE_TYPES: Record<EnterpriseEvent['type'], true> = {
  EnterpriseRegistered: true,
  EnterpriseScaleStatusChanged: true,
  EnterpriseMovedToPark: true,
  EnterpriseDetailsCorrected: true,
  EnterpriseClosed: true,
};
const PROVIDER_TYPES: Record<ProviderEvent['type'], true> = {
  ProviderAdmitted: true,
  AssessorAccredited: true,
  ProviderSuspended: true,
};
const DIAGNOSTIC_TYPES: Record<DiagnosticEvent['type'], true> = {
  DiagnosticScheduled: true,
  DiagnosticAssigned: true,
  DiagnosticRescheduled: true,
  SelfAssessmentSubmitted: true,
  OnSiteSurveyConducted: true,
  IndicatorScored: true,
  ScenarioLevelRated: true,
  DiagnosticSubmittedForReview: true,
  DiagnosticReviewRejected: true,
  DiagnosticApproved: true,
  MaturityLevelDetermined: true,
  ReportIssued: true,
  RecommendationsProposed: true,
  ReportAcknowledged: true,
  ReportDisputed: true,
  ScoreCorrected: true,
  MaturityLevelRecomputed: true,
  ReportReissued: true,
  RecommendationStatusChanged: true,
  DiagnosticClosed: true,
  DiagnosticCancelled: true,
  DiagnosticWithdrawn: true,
  DiagnosticDistrictChanged: true,
};
const PROJECT_TYPES: Record<ProjectEvent['type'], true> = {
  ProjectProposed: true,
  ProjectFiled: true,
  ProjectApproved: true,
  ProjectRejected: true,
  ServiceContractSigned: true,
  BaselineRecorded: true,
  BaselineLocked: true,
  MilestonePlanned: true,
  MilestoneCompleted: true,
  ConstructionStarted: true,
  TrialRunStarted: true,
  KpiMeasured: true,
  AcceptanceRequested: true,
  RectificationCompleted: true,
  AcceptanceInspected: true,
  ProjectAccepted: true,
  AcceptanceFailed: true,
  BaselineCorrected: true,
  AcceptanceFlaggedForReview: true,
  SubsidyDisbursed: true,
  DemonstrationNominated: true,
  DemonstrationDesignated: true,
  DemonstrationRevoked: true,
  ProjectSuspended: true,
  ProjectResumed: true,
  ProjectTerminated: true,
  ProjectDistrictChanged: true,
};

const result = (level: number, baseScore: number) => ({
  modelId: 'miit-2024',
  modelVersion: '2024.1',
  dimensionScores: { foundation: baseScore / 2, application: baseScore / 2 },
  baseScore,
  level,
  ruleTrace: [],
});

const enterprise: EnterpriseEvent[] = [
  {
    type: 'EnterpriseRegistered',
    data: {
      uscc: '91520900MA6A00001X',
      name: '贵州某电子有限公司',
      industryCode: 'C39',
      districtCode: '520900',
      parkId: 'gaxq-dz',
      aboveDesignatedSize: true,
      statYear: 2026,
    },
  },
  {
    type: 'EnterpriseScaleStatusChanged',
    data: { aboveDesignatedSize: false, statYear: 2027, effectiveFrom: '2027-01-01', source: 'stats-bureau' },
  },
  { type: 'EnterpriseMovedToPark', data: { from: 'gaxq-dz', to: 'gaxq-zb', effectiveFrom: '2026-12-01' } },
  {
    type: 'EnterpriseDetailsCorrected',
    data: { field: 'name', old: '贵州某电子有限公司', new: '贵州某电子科技有限公司', reason: '工商变更登记' },
  },
  { type: 'EnterpriseClosed', data: { reason: '注销' } },
];

const provider: ProviderEvent[] = [
  { type: 'ProviderAdmitted', data: { uscc: '91520900MA6P00001X', name: '贵安智造', types: ['evaluator'] } },
  { type: 'AssessorAccredited', data: { assessorId: 'as-1', name: '王工', validUntil: '2027-12-31' } },
  { type: 'ProviderSuspended', data: { reason: '资质复核' } },
];

const scheduled: DiagnosticEvent = aScheduledDiagnostic('91520900MA6A00001X');
const diagnostic: DiagnosticEvent[] = [
  scheduled,
  { type: 'DiagnosticAssigned', data: { providerId: 'p-1', assessorIds: ['as-1'] } },
  { type: 'DiagnosticRescheduled', data: { newDate: '2026-11-12', dueDate: '2026-12-12' } },
  {
    type: 'SelfAssessmentSubmitted',
    data: { points: { F4: 6 }, scenarioLevels: { S01: 2 }, truthDeclaration: true },
  },
  { type: 'OnSiteSurveyConducted', data: { date: '2026-11-12', participants: ['信息化负责人'], evidenceIds: ['e-1'] } },
  { type: 'IndicatorScored', data: { indicatorCode: 'F4', points: WORKED_EXAMPLE_POINTS['F4']!, evidenceIds: [] } },
  { type: 'ScenarioLevelRated', data: { scenarioCode: 'S01', level: 3, evidenceIds: [] } },
  { type: 'DiagnosticSubmittedForReview', data: { submittedBy: 'key-assessor' } },
  { type: 'DiagnosticReviewRejected', data: { comments: '证据不足', reviewerId: 'key-officer' } },
  { type: 'DiagnosticSubmittedForReview', data: { submittedBy: 'key-assessor' } },
  { type: 'DiagnosticApproved', data: { approverId: 'key-officer' } },
  { type: 'MaturityLevelDetermined', data: result(3, 72.5) },
  { type: 'ReportIssued', data: { reportVersion: 1, docHash: 'sha256:a', uri: 'reports/d-1/1' } },
  {
    type: 'RecommendationsProposed',
    data: { items: [{ recId: 'R1', scenario: 'S10', action: '建设能耗在线监测系统', priority: 'high' }] },
  },
  { type: 'ReportDisputed', data: { by: 'key-enterprise', points: ['F4 评分偏低'] } },
  {
    type: 'ScoreCorrected',
    data: {
      target: 'F4',
      targetKind: 'indicator',
      old: WORKED_EXAMPLE_POINTS['F4']!,
      new: 0,
      reason: '数据采集证据复核不足',
      requestedBy: 'key-officer',
      approvedBy: 'key-head',
    },
  },
  { type: 'MaturityLevelRecomputed', data: { ...result(2, 64.5), old: 3, new: 2, causedBy: 'ScoreCorrected' } },
  { type: 'ReportReissued', data: { reportVersion: 2, supersedes: 1, docHash: 'sha256:b', uri: 'reports/d-1/2' } },
  { type: 'ReportAcknowledged', data: { by: 'key-enterprise' } },
  { type: 'RecommendationStatusChanged', data: { recId: 'R1', status: 'accepted', linkedProjectId: 'p-1' } },
  { type: 'DiagnosticDistrictChanged', data: { from: '520900', to: '520115' } },
  { type: 'DiagnosticWithdrawn', data: { reasonCode: 'duplicate', approvedBy: 'key-head' } },
];
// Closing and cancelling end a diagnostic's life, so each has a diagnostic of its own.
const closedDiagnostic: DiagnosticEvent[] = [
  ...diagnostic.slice(0, 13),
  { type: 'ReportAcknowledged', data: { by: 'key-enterprise' } },
  { type: 'DiagnosticClosed', data: {} },
];
const cancelledDiagnostic: DiagnosticEvent[] = [
  scheduled,
  { type: 'DiagnosticCancelled', data: { reason: '企业停产' } },
];

const period = { periodStart: '2026-01-01', periodEnd: '2026-03-31' };
const proposed: ProjectEvent = {
  type: 'ProjectProposed',
  data: {
    projectId: 'p-1',
    enterpriseId: '91520900MA6A00001X',
    districtCode: '520900',
    type: 'digital_workshop',
    name: '电子装配数字化车间',
    scenarios: ['S07', 'S10'],
    sourceRecIds: ['R1'],
    plannedBudget: 500,
  },
};
const project: ProjectEvent[] = [
  proposed,
  { type: 'ProjectFiled', data: {} },
  {
    type: 'ProjectApproved',
    data: { approvalNo: '贵安工信〔2026〕12号', approvedBudget: 450, subsidyRate: 0.3, subsidyCap: 100 },
  },
  { type: 'ServiceContractSigned', data: { providerId: 'p-9', value: 420 } },
  {
    type: 'BaselineRecorded',
    data: { kpiCode: 'energy_per_output', value: 1.2, unit: 'tce/万元', method: '电表', ...period },
  },
  { type: 'BaselineLocked', data: { kpiCodes: ['energy_per_output'] } },
  { type: 'MilestonePlanned', data: { id: 'm-1', name: '设备联网', due: '2026-06-30', mandatory: true } },
  { type: 'ConstructionStarted', data: { date: '2026-04-01' } },
  { type: 'MilestoneCompleted', data: { id: 'm-1', date: '2026-06-20' } },
  { type: 'TrialRunStarted', data: { date: '2026-07-01' } },
  {
    type: 'KpiMeasured',
    data: { kpiCode: 'energy_per_output', value: 0.98, unit: 'tce/万元', source: 'manual', ...period },
  },
  { type: 'AcceptanceRequested', data: {} },
  { type: 'AcceptanceInspected', data: { date: '2026-10-10', evaluatorOrgId: 'p-2', findings: '能耗数据不全' } },
  { type: 'AcceptanceFailed', data: { date: '2026-10-10', reasons: '能耗数据不全' } },
  { type: 'RectificationCompleted', data: {} },
  { type: 'AcceptanceRequested', data: {} },
  { type: 'AcceptanceInspected', data: { date: '2026-11-10', evaluatorOrgId: 'p-2', findings: '合格' } },
  { type: 'ProjectAccepted', data: { date: '2026-11-10', postDiagnosticId: null, trialRunDays: 132 } },
  {
    type: 'BaselineCorrected',
    data: {
      kpiCode: 'energy_per_output',
      old: 1.2,
      new: 1.1,
      reason: '电表读数更正',
      requestedBy: 'key-officer',
      approvedBy: 'key-head',
    },
  },
  { type: 'AcceptanceFlaggedForReview', data: { causedBy: 'BaselineCorrected', reason: '基线更正' } },
  { type: 'SubsidyDisbursed', data: { amount: 60, totalDisbursed: 60, limit: 100 } },
  { type: 'DemonstrationNominated', data: { programme: '数字化车间', year: 2026 } },
  { type: 'DemonstrationDesignated', data: { programme: '数字化车间', level: 'province', year: 2026 } },
  { type: 'DemonstrationRevoked', data: { programme: '数字化车间', year: 2026, reason: '复核不合格' } },
];
const suspendedProject: ProjectEvent[] = [
  proposed,
  { type: 'ProjectApproved', data: { approvalNo: 'A-2', approvedBudget: 300, subsidyRate: null, subsidyCap: null } },
  { type: 'ProjectSuspended', data: { reason: '资金未到位' } },
  { type: 'ProjectResumed', data: { reason: '资金到位' } },
  { type: 'ProjectTerminated', data: { reason: '企业放弃' } },
  { type: 'ProjectDistrictChanged', data: { from: '520900', to: '520115' } },
];
const rejectedProject: ProjectEvent[] = [proposed, { type: 'ProjectRejected', data: { reason: '不符合支持方向' } }];

/** One object's events stored with an envelope, each with its entry (folded as the history folds them). */
function fold(type: AggregateType, events: readonly { type: string; data: object }[]) {
  const aggregate = AUDITED_AGGREGATES[type];
  let state = aggregate.initialState();
  const recordedAt = new Date('2026-11-28T02:00:00Z');
  return events.map((event, index) => {
    const stored: StoredEvent = {
      eventId: `e-${index}`,
      streamId: aggregate.streamId('x'),
      streamType: aggregate.streamType,
      version: index + 1,
      type: event.type,
      schemaVersion: 1,
      data: event.data as Record<string, unknown>,
      metadata: anEventMetadata(),
      occurredAt: recordedAt,
      recordedAt,
      position: { transactionId: '1', globalPosition: index + 1 },
    };
    const folded = foldEntry(aggregate, state, stored);
    state = folded.state;
    return { stored, entry: folded.entry };
  });
}

/** The history of one object: its entries. */
function history(type: AggregateType, events: readonly { type: string; data: object }[]): HistoryEntry[] {
  return fold(type, events).map(({ entry }) => entry);
}

const SCRIPTS: [AggregateType, Record<string, true>, { type: string; data: object }[][]][] = [
  ['enterprises', ENTERPRISE_TYPES, [enterprise]],
  ['providers', PROVIDER_TYPES, [provider]],
  ['diagnostics', DIAGNOSTIC_TYPES, [diagnostic, closedDiagnostic, cancelledDiagnostic]],
  ['projects', PROJECT_TYPES, [project, suspendedProject, rejectedProject]],
];

/** Facts recorded on the object's timeline that change none of its fields: their entry carries the fact itself. */
const RECORD_ONLY = new Set(['RectificationCompleted', 'AcceptanceInspected', 'DemonstrationNominated']);

const change = (entry: HistoryEntry | undefined, field: string) => entry?.changes.find((c) => c.field === field);

describe('History entries for every event type', () => {
  describe.each(SCRIPTS)('of %s', (type, allTypes, scripts) => {
    const entries = scripts.flatMap((events) => history(type, events));

    it('should cover every event type of the aggregate', () => {
      expect([...new Set(entries.map((entry) => entry.type))].sort()).toEqual(Object.keys(allTypes).sort());
    });

    it.each(Object.keys(allTypes))('should give %s a written summary and the fields it changed', (eventType) => {
      const entry = entries.find((e) => e.type === eventType)!;
      expect(hasSummary(eventType)).toBe(true);
      expect(entry.summary).not.toMatch(/undefined|\[object/);
      expect(entry.actor).toEqual({ id: 'key-test', role: 'officer', org: '520900' });
      if (RECORD_ONLY.has(eventType)) expect(entry.changes).toEqual([]);
      else expect(entry.changes.length).toBeGreaterThan(0);
      for (const fieldChange of entry.changes) expect(fieldChange.from).not.toEqual(fieldChange.to);
    });
  });

  it('should read an entry back whole from its audit row: the columns and the details stored with them', () => {
    // An effect of another command, on someone's behalf, with a reason, comment, approver and evidence,
    // recorded two hours after it happened.
    const { stored: first, entry: plainEntry } = fold('enterprises', enterprise)[0]!;
    const event: StoredEvent = {
      ...first,
      metadata: {
        ...first.metadata,
        onBehalfOf: 'ent-1',
        reasonCode: 'late-filing',
        comment: '补录',
        approvedBy: 'key-head',
        correlationId: 'cmd-0',
        causationId: 'cmd-a',
        commandId: 'cmd-b',
      },
      data: { ...first.data, evidenceIds: ['sha256:x', 7] },
      occurredAt: new Date('2026-11-28T00:00:00Z'),
    };
    const changes = [{ field: 'name', from: null, to: '贵州某电子有限公司' }];
    const row = auditRowOf(event, changes);
    // stored as JSON, as the row's details column holds them
    const details = JSON.parse(JSON.stringify(row.details)) as typeof row.details;
    expect(entryFromRow(row, details)).toStrictEqual({
      position: '1-1',
      version: 1,
      type: 'EnterpriseRegistered',
      summary: plainEntry.summary,
      occurredAt: '2026-11-28T00:00:00.000Z',
      recordedAt: '2026-11-28T02:00:00.000Z',
      backdated: true,
      actor: { id: 'key-test', role: 'officer', org: '520900' },
      onBehalfOf: 'ent-1',
      source: 'api',
      reason: 'late-filing',
      comment: '补录',
      approvedBy: 'key-head',
      correlationId: 'cmd-0',
      causationId: 'cmd-a',
      commandId: 'cmd-b',
      evidence: ['sha256:x', '7'],
      changes,
    });
    // the same entry for a Chinese reader: its summary kept in the row, since the data is not
    expect(entryFromRow(row, details, 'zh').summary).toBe(summarize('EnterpriseRegistered', event.data, 'zh'));
    expect(entryFromRow(row, details, 'zh').summary).toMatch(/[\u4e00-\u9fff]/);
    // what the columns hold, or what is empty, is not stored twice
    expect(Object.keys(auditRowOf(first, plainEntry.changes).details).sort()).toEqual([
      'changes',
      'position',
      'source',
      'summaryZh',
    ]);
  });

  it('should show a score correction with the old and new score, and the level it moved', () => {
    const entries = history('diagnostics', diagnostic);
    const corrected = entries.find((e) => e.type === 'ScoreCorrected');
    expect(corrected).toMatchObject({ reason: '数据采集证据复核不足', approvedBy: 'key-head' });
    expect(change(corrected, 'points.F4')).toEqual({ field: 'points.F4', from: WORKED_EXAMPLE_POINTS['F4'], to: 0 });
    const recomputed = entries.find((e) => e.type === 'MaturityLevelRecomputed');
    expect(recomputed?.summary).toBe('Maturity level recomputed: 3 → 2');
    expect(change(recomputed, 'result.level')).toEqual({ field: 'result.level', from: 3, to: 2 });
  });

  it('should show withdrawals, cancellations and closings as entries with the status they left', () => {
    const withdrawn = history('diagnostics', diagnostic).at(-1)!;
    expect(withdrawn).toMatchObject({ type: 'DiagnosticWithdrawn', reason: 'duplicate', approvedBy: 'key-head' });
    expect(change(withdrawn, 'status')?.to).toBe('withdrawn');
    expect(change(history('diagnostics', cancelledDiagnostic).at(-1), 'status')?.to).toBe('cancelled');
    expect(change(history('diagnostics', closedDiagnostic).at(-1), 'status')?.to).toBe('closed');
    const revoked = history('projects', project).at(-1)!;
    expect(revoked).toMatchObject({ type: 'DemonstrationRevoked', reason: '复核不合格' });
  });

  it('should carry the fact of an event that changes no field in its summary and comment', () => {
    const entries = history('projects', project);
    expect(entries.find((e) => e.type === 'AcceptanceInspected')).toMatchObject({
      summary: 'Acceptance inspection by p-2',
      comment: '能耗数据不全',
    });
    expect(entries.find((e) => e.type === 'DemonstrationNominated')?.summary).toBe(
      'Nominated for the 2026 数字化车间 demonstration list',
    );
  });

  it('should show an enterprise detail correction with the reason', () => {
    const corrected = history('enterprises', enterprise).find((e) => e.type === 'EnterpriseDetailsCorrected');
    expect(corrected?.reason).toBe('工商变更登记');
    expect(change(corrected, 'name')).toEqual({
      field: 'name',
      from: '贵州某电子有限公司',
      to: '贵州某电子科技有限公司',
    });
  });
});
