import { describe, expect, it } from '@jest/globals';
import type { EnterpriseFacts } from '#libs/enterprises/domain';
import { fold } from '#libs/event-sourcing';
import { DeciderSpecification } from '#libs/testing';
import { type Project, type ProjectCommand, projectDecider, type ProjectEvent } from './project.js';

const now = new Date('2026-11-28T02:00:00Z');
const ctx = { now, actorId: 'key-officer' };
const spec = DeciderSpecification(projectDecider);

function play(history: ProjectEvent[], ...commands: ProjectCommand[]): ProjectEvent[] {
  const events = [...history];
  for (const command of commands) events.push(...projectDecider.decide(command, fold(projectDecider, events)));
  return events;
}
const stateOf = (events: ProjectEvent[]) => fold(projectDecider, events) as Project;

const propose = (enterprise: EnterpriseFacts = { status: 'active', districtCode: '520900' }): ProjectCommand => ({
  type: 'ProposeProject',
  data: {
    enterpriseId: '91350100M000100Y43',
    type: 'digital_workshop',
    name: '数字化车间建设',
    scenarios: ['S06', 'S07'],
    plannedBudget: 5_000_000,
  },
  facts: { id: 'p-1', enterprise },
  ...ctx,
});
const proposed = play([], propose());
/** A contract with an admitted provider, or with one that is not (unknown or suspended). */
const contract = (providerId: string, value: number, admitted = true): ProjectCommand => ({
  type: 'SignContract',
  data: { providerId, value },
  facts: { provider: { providerId, admitted, accreditedUntil: {} } },
  ...ctx,
});
const contracted = play(
  proposed,
  { type: 'ApproveProject', data: { approvalNo: '贵安工信〔2026〕12号', approvedBudget: 4_500_000 }, ...ctx },
  contract('provider-A', 4_200_000),
  {
    type: 'RecordBaseline',
    data: {
      kpiCode: 'yield_rate',
      value: 72,
      unit: '%',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      method: 'MES 月报',
    },
    ...ctx,
  },
  { type: 'PlanMilestone', data: { name: 'MES 上线', due: '2026-06-30', mandatory: true }, ...ctx },
);
const inTrial = play(
  contracted,
  { type: 'LockBaseline', data: {}, ...ctx },
  { type: 'StartConstruction', data: { date: '2026-04-01' }, ...ctx },
  { type: 'CompleteMilestone', data: { milestoneId: 'M1', date: '2026-06-20' }, ...ctx },
  { type: 'StartTrialRun', data: { date: '2026-07-01' }, ...ctx },
  {
    type: 'MeasureKpi',
    data: { kpiCode: 'yield_rate', value: 90, unit: '%', periodStart: '2026-08-01', periodEnd: '2026-10-31' },
    ...ctx,
  },
  { type: 'RequestAcceptance', data: {}, ...ctx },
);
const accept = (
  overrides: Partial<Extract<ProjectCommand, { type: 'RecordAcceptance' }>['data']> = {},
  trialRunMinDays = 90,
): ProjectCommand => ({
  type: 'RecordAcceptance',
  data: {
    result: 'accepted',
    date: '2026-11-20',
    evaluatorOrgId: 'evaluator-B',
    findings: '改造内容真实',
    ...overrides,
  },
  facts: { trialRunMinDays },
  ...ctx,
});

describe('TransformationProject', () => {
  it('should file on the way to approval, so no stage is skipped', () => {
    expect(contracted.map((e) => e.type).slice(0, 4)).toEqual([
      'ProjectProposed',
      'ProjectFiled',
      'ProjectApproved',
      'ServiceContractSigned',
    ]);
  });

  it('should be proposed for an active enterprise only, in its district (invariant 1)', () => {
    expect(proposed[0]).toMatchObject({ type: 'ProjectProposed', data: { projectId: 'p-1', districtCode: '520900' } });
    spec
      .given([])
      .when(propose({ status: 'closed', districtCode: '520900' }))
      .thenThrows('enterprise_closed');
  });

  it('should contract an admitted provider only', () => {
    const approved = play(proposed, {
      type: 'ApproveProject',
      data: { approvalNo: 'x', approvedBudget: 1_000_000 },
      ...ctx,
    });
    spec
      .given(approved)
      .when(contract('provider-B', 500_000, false))
      .thenThrows('provider_not_available');
  });

  it('should refuse skipping stages (invariant 8)', () => {
    spec.given(proposed).when(contract('x', 1)).thenThrows('project_lifecycle');
    spec
      .given(contracted)
      .when({ type: 'StartConstruction', data: { date: '2026-04-01' }, ...ctx })
      .thenThrows('project_lifecycle');
    spec
      .given(contracted)
      .when({ type: 'RequestAcceptance', data: {}, ...ctx })
      .thenThrows('project_lifecycle');
  });

  it('should keep the baseline immutable once locked (invariant 9) and measurements in its unit', () => {
    const locked = play(contracted, { type: 'LockBaseline', data: {}, ...ctx });
    spec
      .given(locked)
      .when({
        type: 'RecordBaseline',
        data: { kpiCode: 'oee', value: 60, unit: '%', periodStart: '2026-01-01', periodEnd: '2026-03-31', method: 'x' },
        ...ctx,
      })
      .thenThrows('baseline_locked');
    spec
      .given(locked)
      .when({
        type: 'MeasureKpi',
        data: { kpiCode: 'yield_rate', value: 0.9, unit: 'ratio', periodStart: '2026-08-01', periodEnd: '2026-08-31' },
        ...ctx,
      })
      .thenThrows('unit_mismatch');
    spec
      .given(locked)
      .when({
        type: 'MeasureKpi',
        data: { kpiCode: 'oee', value: 70, unit: '%', periodStart: '2026-08-01', periodEnd: '2026-08-31' },
        ...ctx,
      })
      .thenThrows('no_baseline_for_kpi');
  });

  it('should accept after a trial run of at least the minimum, with mandatory milestones done', () => {
    const events = play(inTrial, accept());
    expect(events.slice(-2)).toEqual([
      {
        type: 'AcceptanceInspected',
        data: { date: '2026-11-20', evaluatorOrgId: 'evaluator-B', findings: '改造内容真实' },
      },
      { type: 'ProjectAccepted', data: { date: '2026-11-20', postDiagnosticId: null, trialRunDays: 142 } },
    ]);
    expect(stateOf(events).stage).toBe('accepted');
  });

  it('should refuse acceptance by the contracted provider, or before the trial run is long enough', () => {
    spec
      .given(inTrial)
      .when(accept({ evaluatorOrgId: 'provider-A' }))
      .thenThrows('evaluator_is_provider');
    spec.given(inTrial).when(accept({}, 180)).thenThrows('acceptance_preconditions');
  });

  it('should let a failed acceptance be rectified and requested again', () => {
    const failed = play(inTrial, accept({ result: 'failed', findings: '合格率数据不可追溯' }));
    expect(stateOf(failed).stage).toBe('acceptance_failed');
    const again = play(failed, { type: 'RequestAcceptance', data: {}, ...ctx });
    expect(again.slice(-2).map((e) => e.type)).toEqual(['RectificationCompleted', 'AcceptanceRequested']);
  });

  it('should designate an accepted project once per programme and year, and revoke (invariant 10)', () => {
    spec
      .given(inTrial)
      .when({ type: 'DesignateDemonstration', data: { programme: '贵安示范', level: 'district', year: 2026 }, ...ctx })
      .thenThrows('project_lifecycle');
    const designated = play(inTrial, accept(), {
      type: 'DesignateDemonstration',
      data: { programme: '贵安示范', level: 'district', year: 2026 },
      ...ctx,
    });
    expect(designated.slice(-2).map((e) => e.type)).toEqual(['DemonstrationNominated', 'DemonstrationDesignated']);
    spec
      .given(designated)
      .when({ type: 'DesignateDemonstration', data: { programme: '贵安示范', level: 'city', year: 2026 }, ...ctx })
      .thenThrows('already_designated');
    const revoked = play(designated, { type: 'RevokeDemonstration', data: { reason: '数据造假' }, ...ctx });
    expect(stateOf(revoked).demonstrations[0]!.revoked).toBe(true);
  });

  it('should stop every step while suspended, and nothing after termination', () => {
    const suspended = play(contracted, { type: 'SuspendProject', data: { reason: '资金未到位' }, ...ctx });
    spec
      .given(suspended)
      .when({ type: 'LockBaseline', data: {}, ...ctx })
      .thenThrows('project_suspended');
    const resumed = play(
      suspended,
      { type: 'ResumeProject', data: { reason: '资金到位' }, ...ctx },
      { type: 'LockBaseline', data: {}, ...ctx },
    );
    expect(stateOf(resumed).stage).toBe('baseline_locked');
    const terminated = play(contracted, { type: 'TerminateProject', data: { reason: '企业放弃' }, ...ctx });
    spec
      .given(terminated)
      .when({ type: 'LockBaseline', data: {}, ...ctx })
      .thenThrows('project_ended');
  });

  it('should disburse subsidies only up to min(cap, rate x eligible investment) (invariant 11)', () => {
    const granted = play(
      proposed,
      {
        type: 'ApproveProject',
        data: { approvalNo: 'x', approvedBudget: 4_000_000, subsidyRate: 0.3, subsidyCap: 1_000_000 },
        ...ctx,
      },
      contract('provider-A', 3_000_000),
    );
    const accepted = play(
      granted,
      {
        type: 'RecordBaseline',
        data: { kpiCode: 'oee', value: 55, unit: '%', periodStart: '2026-01-01', periodEnd: '2026-03-31', method: 'x' },
        ...ctx,
      },
      { type: 'LockBaseline', data: {}, ...ctx },
      { type: 'StartConstruction', data: { date: '2026-04-01' }, ...ctx },
      { type: 'StartTrialRun', data: { date: '2026-06-01' }, ...ctx },
      {
        type: 'MeasureKpi',
        data: { kpiCode: 'oee', value: 68, unit: '%', periodStart: '2026-08-01', periodEnd: '2026-10-31' },
        ...ctx,
      },
      { type: 'RequestAcceptance', data: {}, ...ctx },
      accept(),
    );
    // 0.3 x min(4.0 M approved, 3.0 M contracted) = 0.9 M, under the 1.0 M cap.
    const first = play(accepted, { type: 'DisburseSubsidy', data: { amount: 600_000 }, ...ctx });
    expect(first.at(-1)).toEqual({
      type: 'SubsidyDisbursed',
      data: { amount: 600_000, totalDisbursed: 600_000, limit: 900_000 },
    });
    spec
      .given(first)
      .when({ type: 'DisburseSubsidy', data: { amount: 300_001 }, ...ctx })
      .thenThrows('subsidy_exceeds_limit');
    spec
      .given(inTrial)
      .when({ type: 'DisburseSubsidy', data: { amount: 1 }, ...ctx })
      .thenThrows('project_lifecycle');
  });

  it('should correct a locked baseline only with a second approver, and put an acceptance under review (invariant 9)', () => {
    spec
      .given(inTrial)
      .when({
        type: 'CorrectBaseline',
        data: { kpiCode: 'yield_rate', value: 75, reason: '口径统一', approvedBy: 'key-officer' },
        ...ctx,
      })
      .thenThrows('four_eyes');
    const accepted = play(inTrial, accept());
    const corrected = play(accepted, {
      type: 'CorrectBaseline',
      data: { kpiCode: 'yield_rate', value: 75, reason: '口径统一', approvedBy: 'key-lead' },
      ...ctx,
    });
    expect(corrected.slice(-2).map((e) => e.type)).toEqual(['BaselineCorrected', 'AcceptanceFlaggedForReview']);
    expect(stateOf(corrected).baselines.yield_rate!.value).toBe(75);
    spec
      .given(corrected)
      .when({ type: 'DesignateDemonstration', data: { programme: '贵安示范', level: 'district', year: 2026 }, ...ctx })
      .thenThrows('acceptance_under_review');
  });

  it('should follow its enterprise to another district in any stage, and record a move once', () => {
    const follow: ProjectCommand = { type: 'FollowEnterpriseDistrict', data: { districtCode: '520115' }, ...ctx };
    const terminated = play(proposed, { type: 'TerminateProject', data: { reason: '企业搬迁' }, ...ctx });
    for (const history of [proposed, inTrial, terminated]) {
      spec
        .given(history)
        .when(follow)
        .then([{ type: 'ProjectDistrictChanged', data: { from: '520900', to: '520115' } }]);
    }
    const moved = play(proposed, follow);
    expect(stateOf(moved).districtCode).toBe('520115');
    spec.given(moved).when(follow).thenThrows('district_unchanged');
  });
});
