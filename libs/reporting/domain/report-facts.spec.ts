import { describe, expect, it } from '@jest/globals';
import { aScheduledDiagnostic } from '#libs/testing';
import { DIAGNOSTIC_STREAM, type DiagnosticEvent } from '#libs/diagnostics';
import { jsonEqual } from '#libs/event-sourcing';
import {
  type FactEvent,
  foldFacts,
  foldFactsInFull,
  newSubject,
  type Subject,
  UNREPORTED_DIAGNOSTIC_EVENTS,
} from './report-facts.js';

const at = new Date('2026-11-12T02:00:00Z');
const event = (e: DiagnosticEvent): FactEvent => ({
  streamType: DIAGNOSTIC_STREAM,
  type: e.type,
  data: e.data as unknown as Record<string, unknown>,
  occurredAt: at,
});

const diagnostic: DiagnosticEvent[] = [
  aScheduledDiagnostic('91350100M000100Y43'),
  { type: 'DiagnosticAssigned', data: { providerId: 'p-1', assessorIds: ['as-1'] } },
  { type: 'SelfAssessmentSubmitted', data: { points: { F4: 6 }, scenarioLevels: { S1: 2 }, truthDeclaration: true } },
  { type: 'OnSiteSurveyConducted', data: { date: '2026-11-12', participants: ['信息化负责人'], evidenceIds: [] } },
  { type: 'IndicatorScored', data: { indicatorCode: 'F4', points: 7.7, evidenceIds: [] } },
  { type: 'ScenarioLevelRated', data: { scenarioCode: 'S1', level: 3, evidenceIds: [] } },
  { type: 'IndicatorScored', data: { indicatorCode: 'F5', points: 4, evidenceIds: [] } },
  { type: 'DiagnosticSubmittedForReview', data: { submittedBy: 'as-1' } },
  { type: 'DiagnosticApproved', data: { approverId: 'officer-1' } },
  { type: 'ReportIssued', data: { reportVersion: 1, docHash: 'sha256:00', uri: 'reports/d-1/1' } },
  { type: 'RecommendationsProposed', data: { items: [{ recId: 'r-1', action: '建设MES', priority: 'high' }] } },
  { type: 'RecommendationStatusChanged', data: { recId: 'r-1', status: 'in_progress', linkedProjectId: null } },
  { type: 'ReportAcknowledged', data: { by: 'enterprise-1' } },
];

const determined: DiagnosticEvent = {
  type: 'MaturityLevelDetermined',
  data: {
    modelId: 'miit-2024',
    modelVersion: '2024.1',
    baseScore: 28.75,
    level: 1,
    dimensionScores: {},
    ruleTrace: [],
  },
};

const foldAll = (events: DiagnosticEvent[]): Subject[] => {
  const steps: Subject[] = [];
  let subject = newSubject('diagnostic');
  for (const e of events) steps.push((subject = foldFacts(subject, 'd-1', event(e))));
  return steps;
};

describe(foldFacts.name, () => {
  it('given a diagnostic, when each event is folded, then state and facts are what folding it in full gives', () => {
    // Every step, the events passed over (unreported ones, ratings before a result) included.
    const rated = (level: number): DiagnosticEvent => ({
      type: 'ScenarioLevelRated',
      data: { scenarioCode: 'S2', level, evidenceIds: [] },
    });
    const events = [...diagnostic.slice(0, 8), determined, rated(2), ...diagnostic.slice(8)];
    let subject = newSubject('diagnostic');
    const passedOver = new Set<string>();
    for (const e of events) {
      const folded = foldFacts(subject, 'd-1', event(e));
      const inFull = foldFactsInFull(subject, 'd-1', event(e));
      expect(jsonEqual(folded.state, inFull.state)).toBe(true);
      expect(jsonEqual(folded.facts, inFull.facts)).toBe(true);
      if (folded.facts === subject.facts && folded.facts !== null) passedOver.add(e.type);
      subject = folded;
    }

    expect([...passedOver].sort()).toEqual([...UNREPORTED_DIAGNOSTIC_EVENTS, 'ScenarioLevelRated'].sort());
    expect(subject.facts).toMatchObject({
      status: 'acknowledged',
      issuedAt: at.toISOString(),
      scenarioLevels: { S1: 3, S2: 2 },
    });
  });

  it('given a diagnostic with a result, when a scenario is rated, then its facts show the new level', () => {
    const withResult = foldAll([...diagnostic.slice(0, 8), determined]).at(-1)!;

    const after = foldFacts(
      withResult,
      'd-1',
      event({ type: 'ScenarioLevelRated', data: { scenarioCode: 'S2', level: 1, evidenceIds: [] } }),
    );

    expect(after.facts).toMatchObject({ scenarioLevels: { S1: 3, S2: 1 } });
  });

  it('given a diagnostic, when it is folded, then its running state keeps no scores or recommendations', () => {
    const state = foldAll(diagnostic).at(-1)?.state as Record<string, unknown>;

    expect(state).toMatchObject({ points: {}, recommendations: [], selfAssessment: null, scenarioLevels: { S1: 3 } });
  });
});
