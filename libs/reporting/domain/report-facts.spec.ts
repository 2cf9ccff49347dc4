import { describe, expect, it } from '@jest/globals';
import { aScheduledDiagnostic } from '#libs/testing';
import { DIAGNOSTIC_STREAM, diagnosticDecider, type DiagnosticEvent, type DiagnosticState } from '#libs/diagnostics';
import { jsonEqual } from '#libs/event-sourcing';
import {
  type FactEvent,
  foldFacts,
  newSubject,
  slim,
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

const foldAll = (events: DiagnosticEvent[]): Subject[] => {
  const steps: Subject[] = [];
  let subject = newSubject('diagnostic');
  for (const e of events) steps.push((subject = foldFacts(subject, 'd-1', event(e))));
  return steps;
};

describe(foldFacts.name, () => {
  it('given a diagnostic, when an event it passes over comes, then folding it in full would change nothing', () => {
    // The passed-over types must change only what `slim` drops: checked against `slim` and `evolve` themselves.
    let subject = newSubject('diagnostic');
    const passedOver = new Set<string>();
    for (const e of diagnostic) {
      if (UNREPORTED_DIAGNOSTIC_EVENTS.has(e.type)) {
        const inFull = slim(
          'diagnostic',
          diagnosticDecider.evolve(subject.state as DiagnosticState, e) as Record<string, unknown>,
        );
        expect(jsonEqual(inFull, subject.state)).toBe(true);
        passedOver.add(e.type);
      }
      subject = foldFacts(subject, 'd-1', event(e));
    }

    expect([...passedOver].sort()).toEqual([...UNREPORTED_DIAGNOSTIC_EVENTS].sort());
    expect(subject.facts).toMatchObject({ status: 'acknowledged', issuedAt: at.toISOString() });
  });

  it('given a diagnostic without a result, when a scenario is rated, then state and facts are what folding in full gives', () => {
    const ratedAt = diagnostic.findIndex((e) => e.type === 'ScenarioLevelRated');
    const before = foldAll(diagnostic.slice(0, ratedAt)).at(-1)!;
    const rated = diagnostic[ratedAt]!;

    const after = foldFacts(before, 'd-1', event(rated));

    const inFull = slim(
      'diagnostic',
      diagnosticDecider.evolve(before.state as DiagnosticState, rated) as Record<string, unknown>,
    );
    expect(jsonEqual(after.state, inFull)).toBe(true);
    expect(after.state).toMatchObject({ scenarioLevels: { S1: 3 } });
    expect(after.facts).toBe(before.facts);
  });

  it('given a diagnostic with a result, when a scenario is rated, then its facts show the new level', () => {
    const withResult = foldAll([
      ...diagnostic.slice(0, 8),
      {
        type: 'MaturityLevelDetermined',
        data: {
          modelId: 'miit-2024',
          modelVersion: '2024.1',
          baseScore: 28.75,
          level: 1,
          dimensionScores: {},
          ruleTrace: [],
        },
      },
    ]).at(-1)!;

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
