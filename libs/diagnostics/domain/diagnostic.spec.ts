import { describe, expect, it } from '@jest/globals';
import type { EnterpriseFacts } from '#libs/enterprises/domain';
import { fold } from '#libs/event-sourcing';
import type { ProviderFacts } from '#libs/providers/domain';
import {
  aScheduledDiagnostic,
  DeciderSpecification,
  WORKED_EXAMPLE_POINTS,
  workedExampleScenarioLevels,
} from '#libs/testing';
import { type Diagnostic, type DiagnosticCommand, diagnosticDecider, type DiagnosticEvent } from './diagnostic.js';

const now = new Date('2026-11-28T02:00:00Z');
const spec = DeciderSpecification(diagnosticDecider);
const by = (actorId: string) => ({ now, actorId });
const officer = by('key-officer');
const assessor = by('key-assessor');

const scheduled: DiagnosticEvent = aScheduledDiagnostic('91350100M000100Y43');
const assigned: DiagnosticEvent = { type: 'DiagnosticAssigned', data: { providerId: 'p-1', assessorIds: ['as-1'] } };
const surveyed: DiagnosticEvent = {
  type: 'OnSiteSurveyConducted',
  data: { date: '2026-11-12', participants: ['信息化负责人'], evidenceIds: [] },
};

const scored: DiagnosticEvent[] = [
  ...Object.entries(WORKED_EXAMPLE_POINTS).map(([indicatorCode, points]): DiagnosticEvent => ({
    type: 'IndicatorScored',
    data: { indicatorCode, points, evidenceIds: [] },
  })),
  ...Object.entries(workedExampleScenarioLevels()).map(([scenarioCode, level]): DiagnosticEvent => ({
    type: 'ScenarioLevelRated',
    data: { scenarioCode, level, evidenceIds: [] },
  })),
];
/** Provider p-1, admitted, with as-1 accredited to the end of 2027 and as-old until before the planned date. */
const provider = {
  providerId: 'p-1',
  admitted: true,
  accreditedUntil: { 'as-1': '2027-12-31', 'as-old': '2026-11-01' },
};
const survey = (date: string, facts: { provider: ProviderFacts } = { provider }): DiagnosticCommand => ({
  type: 'ConductSurvey',
  data: { date, participants: [], evidence: [] },
  facts,
  ...assessor,
});
const submitted: DiagnosticEvent = { type: 'DiagnosticSubmittedForReview', data: { submittedBy: 'key-assessor' } };

const withoutParticipants = (event: DiagnosticEvent): DiagnosticEvent =>
  event.type === 'OnSiteSurveyConducted' ? { ...event, data: { ...event.data, participants: [] } } : event;

/** Runs commands one after another, as the service would, and returns every event. */
function play(history: DiagnosticEvent[], ...commands: DiagnosticCommand[]): DiagnosticEvent[] {
  const events = [...history];
  for (const command of commands) events.push(...diagnosticDecider.decide(command, fold(diagnosticDecider, events)));
  return events;
}
const approvedHistory = play([scheduled, assigned, surveyed, ...scored, submitted], {
  type: 'ReviewDiagnostic',
  data: { decision: 'approve' },
  ...officer,
});
const issuedHistory = play(approvedHistory, { type: 'IssueReport', data: {}, ...officer });
const state = (events: DiagnosticEvent[]) => fold(diagnosticDecider, events) as Diagnostic;

describe('Diagnostic', () => {
  describe('ScheduleDiagnostic', () => {
    const { enterpriseId, kind, plannedDate, dueDate } = scheduled.data;
    const schedule = (
      overrides: Partial<Extract<DiagnosticCommand, { type: 'ScheduleDiagnostic' }>['data']> = {},
      enterprise: EnterpriseFacts = { status: 'active', districtCode: '520900' },
    ): DiagnosticCommand => ({
      type: 'ScheduleDiagnostic',
      data: { enterpriseId, kind, plannedDate, dueDate, scoringModel: 'miit-2024', ...overrides },
      facts: { id: 'd-1', enterprise },
      ...officer,
    });

    it("should fix the scoring model version when scheduled (invariant 3), in the enterprise's district and the planned year's campaign", () =>
      spec.given([]).when(schedule()).then([scheduled]));

    it('should schedule for an active enterprise only (invariant 1)', () =>
      spec
        .given([])
        .when(schedule({}, { status: 'closed', districtCode: '520900' }))
        .thenThrows('enterprise_closed'));

    it('should refuse an unknown model, a due date before the planned date, and a second schedule', () => {
      spec
        .given([])
        .when(schedule({ scoringModel: 'miit-2099' }))
        .thenThrows('unknown_scoring_model');
      spec
        .given([])
        .when(schedule({ dueDate: '2026-11-01' }))
        .thenThrows('due_before_planned');
      spec.given([scheduled]).when(schedule()).thenThrows('diagnostic_exists');
    });
  });

  describe('lifecycle before the survey', () => {
    it('should assign, reassign and reschedule, and cancel only before the survey', () => {
      spec
        .given([scheduled])
        .when({
          type: 'AssignDiagnostic',
          data: { providerId: 'p-1', assessorIds: ['as-1', 'as-1'] },
          facts: { provider },
          ...officer,
        })
        .then([assigned]);
      spec
        .given([scheduled, assigned])
        .when({ type: 'RescheduleDiagnostic', data: { plannedDate: '2026-11-20' }, ...officer })
        .then([{ type: 'DiagnosticRescheduled', data: { newDate: '2026-11-20', dueDate: '2026-12-10' } }]);
      spec
        .given([scheduled])
        .when({ type: 'CancelDiagnostic', data: { reason: '企业停产' }, ...officer })
        .then([{ type: 'DiagnosticCancelled', data: { reason: '企业停产' } }]);
      spec
        .given([scheduled, assigned, surveyed])
        .when({ type: 'CancelDiagnostic', data: { reason: 'x' }, ...officer })
        .thenThrows('diagnostic_lifecycle');
    });

    it("should assign only an admitted provider's assessors accredited on the planned date (invariant 2)", () => {
      const assign = (assessorIds: string[], facts: { provider: ProviderFacts } = { provider }): DiagnosticCommand => ({
        type: 'AssignDiagnostic',
        data: { providerId: 'p-1', assessorIds },
        facts,
        ...officer,
      });
      spec
        .given([scheduled])
        .when(assign(['as-1', 'as-old']))
        .thenThrows('assessor_not_accredited');
      spec
        .given([scheduled])
        .when(assign(['as-unknown']))
        .thenThrows('assessor_not_accredited');
      spec
        .given([scheduled])
        .when(assign(['as-1'], { provider: { ...provider, admitted: false } }))
        .thenThrows('provider_not_available');
    });

    it('should not survey before assignment, nor record a survey in the future', () => {
      spec.given([scheduled]).when(survey('2026-11-12')).thenThrows('diagnostic_lifecycle');
      spec.given([scheduled, assigned]).when(survey('2026-12-01')).thenThrows('survey_in_future');
    });

    it("should survey only with assessors accredited on the survey date, by the diagnostic's provider (invariant 2)", () => {
      spec.given([scheduled, assigned]).when(survey('2026-11-12')).then([surveyed].map(withoutParticipants));
      const lapsed = { provider: { ...provider, accreditedUntil: { 'as-1': '2026-11-11' } } };
      spec.given([scheduled, assigned]).when(survey('2026-11-12', lapsed)).thenThrows('assessor_not_accredited');
      const suspended = { provider: { ...provider, admitted: false } };
      spec.given([scheduled, assigned]).when(survey('2026-11-12', suspended)).thenThrows('assessor_not_accredited');
      const other = { provider: { ...provider, providerId: 'p-2' } };
      spec.given([scheduled, assigned]).when(survey('2026-11-12', other)).thenThrows('assignment_changed');
    });

    it('should not score before the survey', () =>
      spec
        .given([scheduled, assigned])
        .when({ type: 'ScoreIndicator', data: { code: 'F1', points: 8, evidence: [] }, ...assessor })
        .thenThrows('diagnostic_lifecycle'));
  });

  describe('scoring (invariant 4)', () => {
    const given = spec.given([scheduled, assigned, surveyed]);

    it('should record points and scenario levels with evidence', () => {
      given
        .when({ type: 'ScoreIndicator', data: { code: 'F1', points: 6, evidence: ['sha256:ab'] }, ...assessor })
        .then([{ type: 'IndicatorScored', data: { indicatorCode: 'F1', points: 6, evidenceIds: ['sha256:ab'] } }]);
      given
        .when({ type: 'RateScenario', data: { code: 'S06', level: 2, evidence: [] }, ...assessor })
        .then([{ type: 'ScenarioLevelRated', data: { scenarioCode: 'S06', level: 2, evidenceIds: [] } }]);
    });

    it('should refuse points above the maximum, unknown codes and levels outside 0-4', () => {
      given
        .when({ type: 'ScoreIndicator', data: { code: 'F1', points: 8.5, evidence: [] }, ...assessor })
        .thenThrows('points_out_of_range');
      given
        .when({ type: 'ScoreIndicator', data: { code: 'F1', points: -1, evidence: [] }, ...assessor })
        .thenThrows('points_out_of_range');
      given
        .when({ type: 'ScoreIndicator', data: { code: 'F9', points: 1, evidence: [] }, ...assessor })
        .thenThrows('unknown_indicator');
      given
        .when({ type: 'RateScenario', data: { code: 'S06', level: 5, evidence: [] }, ...assessor })
        .thenThrows('level_out_of_range');
      given
        .when({ type: 'RateScenario', data: { code: 'S06', level: 2.5, evidence: [] }, ...assessor })
        .thenThrows('level_out_of_range');
      given
        .when({ type: 'RateScenario', data: { code: 'S17', level: 1, evidence: [] }, ...assessor })
        .thenThrows('unknown_scenario');
    });

    it('should refuse review until every indicator and scenario is rated (invariant 5)', () =>
      spec
        .given([scheduled, assigned, surveyed, ...scored.slice(1)])
        .when({ type: 'SubmitForReview', data: {}, ...assessor })
        .thenThrows('scores_incomplete'));
  });

  describe('review and the maturity level', () => {
    it('should determine level 3 for the worked example only at approval, with the rule trace', () => {
      const [approved, determined] = approvedHistory.slice(-2);
      expect(approved).toEqual({ type: 'DiagnosticApproved', data: { approverId: 'key-officer' } });
      expect(determined).toMatchObject({
        type: 'MaturityLevelDetermined',
        data: { baseScore: 65, level: 3, modelVersion: '2024.1' },
      });
      expect(state(approvedHistory).status).toBe('approved');
    });

    it('should send a rejected review back to scoring', () => {
      const events = play([scheduled, assigned, surveyed, ...scored, submitted], {
        type: 'ReviewDiagnostic',
        data: { decision: 'reject', comments: 'F4 证据不足' },
        ...officer,
      });
      expect(events.at(-1)).toEqual({
        type: 'DiagnosticReviewRejected',
        data: { comments: 'F4 证据不足', reviewerId: 'key-officer' },
      });
      expect(state(events).status).toBe('surveyed');
    });

    it('should issue the report only after approval', () => {
      spec
        .given([scheduled, assigned, surveyed, ...scored, submitted])
        .when({ type: 'IssueReport', data: {}, ...officer })
        .thenThrows('diagnostic_lifecycle');
      expect(issuedHistory.at(-1)).toMatchObject({
        type: 'ReportIssued',
        data: { reportVersion: 1, docHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) },
      });
    });
  });

  describe('after issue (invariant 6)', () => {
    it('should correct F4 by -6, recompute level 2 and reissue the report as version 2', () => {
      const events = play(issuedHistory, {
        type: 'CorrectScore',
        data: { target: 'F4', value: 1, reason: '数据采集证据不足', approvedBy: 'key-lead' },
        ...officer,
      });

      expect(events.slice(-3)).toMatchObject([
        {
          type: 'ScoreCorrected',
          data: {
            target: 'F4',
            targetKind: 'indicator',
            old: 7,
            new: 1,
            requestedBy: 'key-officer',
            approvedBy: 'key-lead',
          },
        },
        {
          type: 'MaturityLevelRecomputed',
          data: { old: 3, new: 2, baseScore: 59, level: 2, causedBy: 'ScoreCorrected' },
        },
        { type: 'ReportReissued', data: { reportVersion: 2, supersedes: 1 } },
      ]);
      expect(state(events)).toMatchObject({
        status: 'report_issued',
        reportVersion: 2,
        points: { F4: 1 },
        result: { level: 2 },
      });
    });

    it('should refuse a correction approved by its requester, and rescoring after issue', () => {
      spec
        .given(issuedHistory)
        .when({
          type: 'CorrectScore',
          data: { target: 'F4', value: 1, reason: 'x', approvedBy: 'key-officer' },
          ...officer,
        })
        .thenThrows('four_eyes');
      spec
        .given(issuedHistory)
        .when({ type: 'ScoreIndicator', data: { code: 'F4', points: 1, evidence: [] }, ...assessor })
        .thenThrows('diagnostic_lifecycle');
    });

    it('should correct a scenario level too', () => {
      const events = play(issuedHistory, {
        type: 'CorrectScore',
        data: { target: 'S10', value: 3, reason: '能耗系统已上线', approvedBy: 'key-lead' },
        ...officer,
      });
      expect(state(events).scenarioLevels['S10']).toBe(3);
    });

    it('should let the enterprise acknowledge, or dispute, which reopens review where approval lets the report stand', () => {
      spec
        .given(issuedHistory)
        .when({ type: 'AcknowledgeReport', data: {}, ...by('key-enterprise') })
        .then([{ type: 'ReportAcknowledged', data: { by: 'key-enterprise' } }]);
      const disputed = play(issuedHistory, {
        type: 'DisputeReport',
        data: { points: ['S10 应为 2 级'] },
        ...by('key-enterprise'),
      });
      expect(state(disputed).status).toBe('in_review');
      spec
        .given(disputed)
        .when({ type: 'ReviewDiagnostic', data: { decision: 'reject' }, ...officer })
        .thenThrows('report_issued');
      const stands = play(disputed, { type: 'ReviewDiagnostic', data: { decision: 'approve' }, ...officer });
      expect(stands.at(-1)!.type).toBe('DiagnosticApproved');
      expect(state(stands)).toMatchObject({ status: 'report_issued', reportVersion: 1 });
    });

    it('should number recommendations and check their scenarios', () => {
      spec
        .given(issuedHistory)
        .when({
          type: 'ProposeRecommendations',
          data: { items: [{ scenario: 'S10', action: '上线能耗在线监测', priority: 'high', estCost: 30 }] },
          ...assessor,
        })
        .then([
          {
            type: 'RecommendationsProposed',
            data: {
              items: [
                {
                  recId: 'R1',
                  scenario: 'S10',
                  action: '上线能耗在线监测',
                  priority: 'high',
                  estCost: 30,
                  status: 'proposed',
                },
              ],
            },
          },
        ]);
      spec
        .given(issuedHistory)
        .when({
          type: 'ProposeRecommendations',
          data: { items: [{ scenario: 'S99', action: 'x', priority: 'low' }] },
          ...assessor,
        })
        .thenThrows('unknown_scenario');
    });
  });

  describe('withdrawal (invariant 7)', () => {
    it('should withdraw at any stage with an approver other than the requester, and then refuse everything', () => {
      const withdrawn = play(issuedHistory, {
        type: 'WithdrawDiagnostic',
        data: { reasonCode: 'wrong_enterprise', approvedBy: 'key-lead' },
        ...officer,
      });
      expect(state(withdrawn).status).toBe('withdrawn');
      spec
        .given(withdrawn)
        .when({ type: 'AcknowledgeReport', data: {}, ...officer })
        .thenThrows('diagnostic_lifecycle');
      spec
        .given(withdrawn)
        .when({ type: 'WithdrawDiagnostic', data: { reasonCode: 'duplicate', approvedBy: 'key-lead' }, ...officer })
        .thenThrows('diagnostic_lifecycle');
      spec
        .given([scheduled])
        .when({ type: 'WithdrawDiagnostic', data: { reasonCode: 'duplicate', approvedBy: 'key-officer' }, ...officer })
        .thenThrows('four_eyes');
    });
  });

  describe('self-assessment, recommendation tracking and closure', () => {
    it('should keep the enterprise self-assessment, validated and declared true, beside the official scores', () => {
      spec
        .given([scheduled])
        .when({
          type: 'SubmitSelfAssessment',
          data: { points: { F1: 6 }, scenarioLevels: { S06: 2 }, truthDeclaration: true },
          ...by('key-enterprise'),
        })
        .then([
          {
            type: 'SelfAssessmentSubmitted',
            data: { points: { F1: 6 }, scenarioLevels: { S06: 2 }, truthDeclaration: true },
          },
        ]);
      spec
        .given([scheduled])
        .when({
          type: 'SubmitSelfAssessment',
          data: { points: { F1: 6 }, scenarioLevels: {}, truthDeclaration: false },
          ...by('key-enterprise'),
        })
        .thenThrows('truth_declaration_missing');
      spec
        .given([scheduled])
        .when({
          type: 'SubmitSelfAssessment',
          data: { points: { F1: 60 }, scenarioLevels: {}, truthDeclaration: true },
          ...by('key-enterprise'),
        })
        .thenThrows('points_out_of_range');
    });

    it('should track a recommendation to a project and close an acknowledged diagnostic', () => {
      const events = play(
        issuedHistory,
        {
          type: 'ProposeRecommendations',
          data: { items: [{ scenario: 'S10', action: '能耗在线监测', priority: 'high' }] },
          ...assessor,
        },
        {
          type: 'ChangeRecommendationStatus',
          data: { recId: 'R1', status: 'in_progress', linkedProjectId: 'p-9' },
          ...officer,
        },
        { type: 'AcknowledgeReport', data: {}, ...by('key-enterprise') },
        { type: 'CloseDiagnostic', data: {}, ...officer },
      );
      expect(state(events)).toMatchObject({
        status: 'closed',
        recommendations: [{ recId: 'R1', status: 'in_progress', linkedProjectId: 'p-9' }],
      });
      spec
        .given(issuedHistory)
        .when({ type: 'CloseDiagnostic', data: {}, ...officer })
        .thenThrows('diagnostic_lifecycle');
      spec
        .given(issuedHistory)
        .when({ type: 'ChangeRecommendationStatus', data: { recId: 'R7', status: 'done' }, ...officer })
        .thenThrows('recommendation_not_found');
    });
  });

  describe('moving with its enterprise', () => {
    const system = by('system:district-moves');
    it('should follow its enterprise to another district in any status, and record a move once', () => {
      const cancelled: DiagnosticEvent = { type: 'DiagnosticCancelled', data: { reason: '重新安排' } };
      for (const history of [[scheduled], issuedHistory, [scheduled, cancelled]]) {
        spec
          .given(history)
          .when({ type: 'FollowEnterpriseDistrict', data: { districtCode: '520115' }, ...system })
          .then([{ type: 'DiagnosticDistrictChanged', data: { from: '520900', to: '520115' } }]);
      }
      const moved = play([scheduled], {
        type: 'FollowEnterpriseDistrict',
        data: { districtCode: '520115' },
        ...system,
      });
      expect(state(moved).districtCode).toBe('520115');
      spec
        .given(moved)
        .when({ type: 'FollowEnterpriseDistrict', data: { districtCode: '520115' }, ...system })
        .thenThrows('district_unchanged');
      spec
        .given([])
        .when({ type: 'FollowEnterpriseDistrict', data: { districtCode: '520115' }, ...system })
        .thenThrows('diagnostic_not_found');
    });
  });
});
