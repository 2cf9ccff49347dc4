import { DIAGNOSTIC_STREAM, diagnosticDecider, type DiagnosticState } from '#libs/diagnostics/domain';
import { ENTERPRISE_STREAM, enterpriseDecider } from '#libs/enterprises/domain';
import { PROJECT_STREAM, projectDecider, type ProjectState } from '#libs/projects/domain';

/**
 * What the reports need of each object, folded from its events with the aggregate's own `evolve` and then
 * slimmed (scores, rule traces and KPI series left out), so that a version of it can be kept for every change
 * that a report could show.
 */
export type ObjectKind = 'enterprise' | 'diagnostic' | 'project';

export interface EnterpriseFacts {
  id: string;
  name: string;
  districtCode: string;
  parkId: string;
  industryCode: string;
  aboveDesignatedSize: boolean;
  statYear: number;
  status: string;
}

export interface DiagnosticFacts {
  id: string;
  enterpriseId: string;
  districtCode: string;
  kind: string;
  scoringModelId: string;
  providerId: string | null;
  plannedDate: string;
  dueDate: string;
  status: string;
  surveyDate: string | null;
  /** When it was first submitted for review (occurred time). */
  submittedAt: string | null;
  level: number | null;
  /** When its first report was issued (occurred time). */
  issuedAt: string | null;
  /** The rated scenario levels, once a level has been determined. */
  scenarioLevels: Record<string, number> | null;
  corrections: number;
  disputes: number;
}

export interface ProjectFacts {
  id: string;
  enterpriseId: string;
  districtCode: string;
  type: string;
  name: string;
  stage: string;
  suspended: boolean;
  providerId: string | null;
  plannedBudget: number;
  approvedBudget: number | null;
  contractValue: number | null;
  subsidyDisbursed: number;
  acceptedOn: string | null;
  milestones: { id: string; name: string; due: string; mandatory: boolean; completedOn: string | null }[];
  /** Per KPI: the baseline and the latest reading. */
  kpis: { kpiCode: string; unit: string; baseline: number; latest: number | null }[];
  demonstrations: { programme: string; level: string; year: number; revoked: boolean; designatedAt: string }[];
}

export type Facts = EnterpriseFacts | DiagnosticFacts | ProjectFacts;

/** The running state of one object: the slimmed aggregate state and the facts derived so far. */
export interface Subject {
  kind: ObjectKind;
  state: unknown;
  facts: Facts | null;
}

export interface FactEvent {
  streamType: string;
  type: string;
  data: Record<string, unknown>;
  occurredAt: Date;
}

export const OBJECT_KINDS: Record<string, ObjectKind> = {
  [ENTERPRISE_STREAM]: 'enterprise',
  [DIAGNOSTIC_STREAM]: 'diagnostic',
  [PROJECT_STREAM]: 'project',
};
export const REPORTED_STREAM_TYPES = Object.keys(OBJECT_KINDS);

type AnyState = Record<string, unknown>;

function enterpriseFacts(id: string, state: AnyState): EnterpriseFacts | null {
  if (state['status'] === 'unregistered') return null;
  const s = state as unknown as EnterpriseFacts;
  return {
    id,
    name: s.name,
    districtCode: s.districtCode,
    parkId: s.parkId,
    industryCode: s.industryCode,
    aboveDesignatedSize: s.aboveDesignatedSize,
    statYear: s.statYear,
    status: s.status,
  };
}

function diagnosticFacts(
  state: DiagnosticState,
  before: DiagnosticFacts | null,
  event: FactEvent,
): DiagnosticFacts | null {
  if (state.status === 'none') return null;
  const at = () => event.occurredAt.toISOString();
  return {
    id: state.id,
    enterpriseId: state.enterpriseId,
    districtCode: state.districtCode,
    kind: state.kind,
    scoringModelId: state.scoringModelId,
    providerId: state.providerId,
    plannedDate: state.plannedDate,
    dueDate: state.dueDate,
    status: state.status,
    surveyDate: state.surveyDate,
    submittedAt: before?.submittedAt ?? (event.type === 'DiagnosticSubmittedForReview' ? at() : null),
    level: state.result?.level ?? null,
    issuedAt: before?.issuedAt ?? (event.type === 'ReportIssued' ? at() : null),
    scenarioLevels: state.result ? state.scenarioLevels : null,
    corrections: (before?.corrections ?? 0) + (event.type === 'ScoreCorrected' ? 1 : 0),
    disputes: (before?.disputes ?? 0) + (event.type === 'ReportDisputed' ? 1 : 0),
  };
}

function projectFacts(state: ProjectState, before: ProjectFacts | null, event: FactEvent): ProjectFacts | null {
  if (state.stage === 'none') return null;
  const designatedBefore = new Map((before?.demonstrations ?? []).map((d) => [`${d.programme}@${d.year}`, d]));
  return {
    id: state.id,
    enterpriseId: state.enterpriseId,
    districtCode: state.districtCode,
    type: state.type,
    name: state.name,
    stage: state.stage,
    suspended: state.suspended,
    providerId: state.providerId,
    plannedBudget: state.plannedBudget,
    approvedBudget: state.approvedBudget,
    contractValue: state.contractValue,
    subsidyDisbursed: state.subsidyDisbursed,
    acceptedOn: state.acceptedOn,
    milestones: state.milestones.map((m) => ({
      id: m.id,
      name: m.name,
      due: m.due,
      mandatory: m.mandatory,
      completedOn: m.completedOn,
    })),
    kpis: Object.entries(state.baselines).map(([kpiCode, baseline]) => ({
      kpiCode,
      unit: baseline.unit,
      baseline: baseline.value,
      latest: state.measurements[kpiCode as keyof typeof state.measurements]?.at(-1)?.value ?? null,
    })),
    demonstrations: state.demonstrations.map((d) => ({
      ...d,
      designatedAt: designatedBefore.get(`${d.programme}@${d.year}`)?.designatedAt ?? event.occurredAt.toISOString(),
    })),
  };
}

/** The parts of a state no report reads: dropped after each step so the running state stays small. */
export function slim(kind: ObjectKind, state: AnyState): AnyState {
  if (kind === 'diagnostic' && state['status'] !== 'none') {
    const result = state['result'] as AnyState | null;
    return {
      ...state,
      points: {},
      recommendations: [],
      selfAssessment: null,
      result: result && { ...result, ruleTrace: [], dimensionScores: {} },
    };
  }
  if (kind === 'project' && state['stage'] !== 'none') {
    const measurements = state['measurements'] as Record<string, unknown[]>;
    return {
      ...state,
      measurements: Object.fromEntries(Object.entries(measurements).map(([code, series]) => [code, series.slice(-1)])),
    };
  }
  return state;
}

const DECIDERS = {
  enterprise: enterpriseDecider,
  diagnostic: diagnosticDecider,
  project: projectDecider,
} as unknown as Record<ObjectKind, { initialState(): unknown; evolve(state: unknown, event: object): unknown }>;

export function newSubject(kind: ObjectKind): Subject {
  return { kind, state: DECIDERS[kind].initialState(), facts: null };
}

/**
 * Diagnostic events that change only the parts `slim` drops (scores, the self-assessment, recommendations):
 * they leave the running state and the facts as they were, so they are passed over. Most of a diagnostic's
 * events are indicator scores.
 */
export const UNREPORTED_DIAGNOSTIC_EVENTS: ReadonlySet<string> = new Set([
  'IndicatorScored',
  'SelfAssessmentSubmitted',
  'RecommendationsProposed',
  'RecommendationStatusChanged',
]);

/**
 * One event folded into an object's running state and facts, passing over what cannot change them: the
 * unreported diagnostic events, and a scenario rated before there is a result (the facts show the levels only
 * with a result, so only the running levels move; the state is slimmed already). Those ratings are about two
 * in five of a province's events. Always the same as `foldFactsInFull`.
 */
export function foldFacts(subject: Subject, id: string, event: FactEvent): Subject {
  if (subject.kind === 'diagnostic' && subject.facts !== null) {
    if (UNREPORTED_DIAGNOSTIC_EVENTS.has(event.type)) return subject;
    const running = subject.state as DiagnosticState;
    if (event.type === 'ScenarioLevelRated' && running.status !== 'none' && running.result === null) {
      const rated = DECIDERS.diagnostic.evolve(running, { type: event.type, data: event.data });
      return { kind: 'diagnostic', state: rated, facts: subject.facts };
    }
  }
  return foldFactsInFull(subject, id, event);
}

/** One event folded into an object's running state and facts, every step taken. */
export function foldFactsInFull(subject: Subject, id: string, event: FactEvent): Subject {
  const decider = DECIDERS[subject.kind];
  const state = slim(subject.kind, decider.evolve(subject.state, { type: event.type, data: event.data }) as AnyState);
  let facts: Facts | null;
  switch (subject.kind) {
    case 'enterprise':
      facts = enterpriseFacts(id, state);
      break;
    case 'diagnostic':
      facts = diagnosticFacts(state as DiagnosticState, subject.facts as DiagnosticFacts | null, event);
      break;
    case 'project':
      facts = projectFacts(state as unknown as ProjectState, subject.facts as ProjectFacts | null, event);
      break;
  }
  return { kind: subject.kind, state, facts };
}
