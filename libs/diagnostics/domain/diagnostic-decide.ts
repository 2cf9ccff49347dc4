import { createHash } from 'node:crypto';
import { DomainError } from '#libs/event-sourcing';
import { isAccreditedOn, type ProviderFacts } from '#libs/providers/domain';
import {
  DIAGNOSTIC_STATUSES,
  type Diagnostic,
  type DiagnosticCommand,
  type DiagnosticEvent,
  type DiagnosticState,
  type DiagnosticStatus,
} from './diagnostic.types.js';
import { determineMaturityLevel, IncompleteScoresError, type MaturityResult } from './maturity-level.js';
import type { ScoringModel } from './scoring-model.js';
import { scoringModel } from './scoring-models.js';

type Of<Type extends DiagnosticCommand['type']> = Extract<DiagnosticCommand, { type: Type }>;

function inStatus(state: DiagnosticState, step: string, allowed: DiagnosticStatus[]): Diagnostic {
  if (state.status === 'none') {
    throw new DomainError('diagnostic_not_found', 'No diagnostic exists under this id', 'not_found');
  }
  if (!allowed.includes(state.status)) {
    throw new DomainError('diagnostic_lifecycle', `Cannot ${step} a diagnostic that is ${state.status}`, 'conflict', {
      status: state.status,
      allowedIn: allowed,
    });
  }
  return state;
}

function modelOf(diagnostic: Diagnostic): ScoringModel {
  const model = scoringModel(diagnostic.scoringModelId);
  if (!model || model.version !== diagnostic.scoringModelVersion) {
    throw new DomainError(
      'scoring_model_unavailable',
      `Scoring model ${diagnostic.scoringModelId}@${diagnostic.scoringModelVersion} is not loaded`,
    );
  }
  return model;
}

function invalid(code: string, message: string): never {
  throw new DomainError(code, message, 'invalid');
}

function checkPoints(model: ScoringModel, code: string, points: number): void {
  const indicator = model.indicators.find((i) => i.code === code);
  if (!indicator) invalid('unknown_indicator', `${model.id} has no indicator ${code}`);
  if (!(points >= 0 && points <= indicator.max)) {
    invalid('points_out_of_range', `${code} takes 0 to ${indicator.max} points, not ${points}`);
  }
}

function checkLevel(model: ScoringModel, code: string, level: number): void {
  if (!model.scenarios.some((s) => s.code === code)) invalid('unknown_scenario', `${model.id} has no scenario ${code}`);
  if (!Number.isInteger(level) || level < model.scenarioLevels.min || level > model.scenarioLevels.max) {
    invalid(
      'level_out_of_range',
      `A scenario level is a whole number ${model.scenarioLevels.min}-${model.scenarioLevels.max}, not ${level}`,
    );
  }
}

function determine(model: ScoringModel, diagnostic: Diagnostic): MaturityResult {
  try {
    return determineMaturityLevel(model, diagnostic.points, diagnostic.scenarioLevels);
  } catch (error) {
    if (error instanceof IncompleteScoresError) {
      throw new DomainError(error.code, error.message, 'conflict', { missing: error.missing });
    }
    throw error;
  }
}

/** The issued document's identity: a hash of what it states, so a reissue with other numbers differs. */
export function reportDocument(diagnostic: Diagnostic, result: MaturityResult, reportVersion: number) {
  const content = JSON.stringify({
    diagnosticId: diagnostic.id,
    enterpriseId: diagnostic.enterpriseId,
    reportVersion,
    points: diagnostic.points,
    scenarioLevels: diagnostic.scenarioLevels,
    result,
  });
  return {
    reportVersion,
    docHash: `sha256:${createHash('sha256').update(content).digest('hex')}`,
    uri: `/v1/diagnostics/${diagnostic.id}/report?version=${reportVersion}`,
  };
}

const AFTER_ISSUE: DiagnosticStatus[] = ['report_issued', 'acknowledged', 'disputed'];

function scheduleDiagnostic(command: Of<'ScheduleDiagnostic'>, state: DiagnosticState): DiagnosticEvent[] {
  if (state.status !== 'none') throw new DomainError('diagnostic_exists', 'This diagnostic is scheduled already');
  const { data, facts } = command;
  // Invariant 1: the enterprise exists and is active.
  if (facts.enterprise.status === 'closed') {
    throw new DomainError('enterprise_closed', 'The enterprise is closed; it cannot be diagnosed');
  }
  const model = scoringModel(data.scoringModel);
  if (!model) invalid('unknown_scoring_model', `No scoring model ${data.scoringModel}`);
  if (data.dueDate < data.plannedDate) invalid('due_before_planned', 'The due date is before the planned date');
  return [
    {
      type: 'DiagnosticScheduled',
      data: {
        diagnosticId: facts.id,
        enterpriseId: data.enterpriseId,
        districtCode: facts.enterprise.districtCode,
        campaignId: data.campaignId ?? data.plannedDate.slice(0, 4),
        kind: data.kind,
        scoringModelId: model.id,
        scoringModelVersion: model.version,
        plannedDate: data.plannedDate,
        dueDate: data.dueDate,
      },
    },
  ];
}

/** Invariant 2: only an admitted provider's assessors, each accredited on `date`. */
function checkAccredited(provider: ProviderFacts, assessorIds: readonly string[], date: string): void {
  const unaccredited = assessorIds.filter((id) => !isAccreditedOn(provider, id, date));
  if (unaccredited.length) {
    throw new DomainError(
      'assessor_not_accredited',
      `Not accredited on ${date}: ${unaccredited.join(', ')}`,
      'conflict',
      {
        assessorIds: unaccredited,
      },
    );
  }
}

function assignDiagnostic(command: Of<'AssignDiagnostic'>, state: DiagnosticState): DiagnosticEvent[] {
  const diagnostic = inStatus(state, 'assign', ['scheduled', 'assigned']);
  const { provider } = command.facts;
  if (!provider.admitted) {
    throw new DomainError('provider_not_available', `Provider ${provider.providerId} is not admitted or is suspended`);
  }
  if (command.data.assessorIds.length === 0) invalid('no_assessors', 'Assign at least one assessor');
  checkAccredited(provider, command.data.assessorIds, diagnostic.plannedDate);
  return [
    {
      type: 'DiagnosticAssigned',
      data: { ...command.data, assessorIds: [...new Set(command.data.assessorIds)] },
    },
  ];
}

function rescheduleDiagnostic(command: Of<'RescheduleDiagnostic'>, state: DiagnosticState): DiagnosticEvent[] {
  const diagnostic = inStatus(state, 'reschedule', ['scheduled', 'assigned']);
  const dueDate = command.data.dueDate ?? diagnostic.dueDate;
  if (dueDate < command.data.plannedDate) invalid('due_before_planned', 'The due date is before the planned date');
  return [{ type: 'DiagnosticRescheduled', data: { newDate: command.data.plannedDate, dueDate } }];
}

function submitSelfAssessment(command: Of<'SubmitSelfAssessment'>, state: DiagnosticState): DiagnosticEvent[] {
  const diagnostic = inStatus(state, 'self-assess', ['scheduled', 'assigned']);
  if (!command.data.truthDeclaration) {
    invalid('truth_declaration_missing', 'A self-assessment needs the truthfulness declaration (真实性承诺)');
  }
  const model = modelOf(diagnostic);
  for (const [code, points] of Object.entries(command.data.points)) checkPoints(model, code, points);
  for (const [code, level] of Object.entries(command.data.scenarioLevels)) checkLevel(model, code, level);
  return [
    {
      type: 'SelfAssessmentSubmitted',
      data: { points: command.data.points, scenarioLevels: command.data.scenarioLevels, truthDeclaration: true },
    },
  ];
}

function conductSurvey(command: Of<'ConductSurvey'>, state: DiagnosticState): DiagnosticEvent[] {
  const diagnostic = inStatus(state, 'survey', ['assigned']);
  if (command.data.date > command.now.toISOString().slice(0, 10))
    invalid('survey_in_future', 'A survey cannot be recorded before it happens');
  const { provider } = command.facts;
  if (provider?.providerId !== diagnostic.providerId) {
    throw new DomainError('assignment_changed', 'The diagnostic was assigned anew meanwhile; try again');
  }
  checkAccredited(provider, diagnostic.assessorIds, command.data.date);
  return [
    {
      type: 'OnSiteSurveyConducted',
      data: {
        date: command.data.date,
        participants: command.data.participants,
        evidenceIds: command.data.evidence,
      },
    },
  ];
}

function scoreIndicator(command: Of<'ScoreIndicator'>, state: DiagnosticState): DiagnosticEvent[] {
  const diagnostic = inStatus(state, 'score', ['surveyed']);
  checkPoints(modelOf(diagnostic), command.data.code, command.data.points);
  return [
    {
      type: 'IndicatorScored',
      data: { indicatorCode: command.data.code, points: command.data.points, evidenceIds: command.data.evidence },
    },
  ];
}

function rateScenario(command: Of<'RateScenario'>, state: DiagnosticState): DiagnosticEvent[] {
  const diagnostic = inStatus(state, 'rate', ['surveyed']);
  checkLevel(modelOf(diagnostic), command.data.code, command.data.level);
  return [
    {
      type: 'ScenarioLevelRated',
      data: { scenarioCode: command.data.code, level: command.data.level, evidenceIds: command.data.evidence },
    },
  ];
}

function submitForReview(command: Of<'SubmitForReview'>, state: DiagnosticState): DiagnosticEvent[] {
  const diagnostic = inStatus(state, 'submit', ['surveyed']);
  determine(modelOf(diagnostic), diagnostic); // invariant 5: everything rated before review
  return [{ type: 'DiagnosticSubmittedForReview', data: { submittedBy: command.actorId } }];
}

function reviewDiagnostic(command: Of<'ReviewDiagnostic'>, state: DiagnosticState): DiagnosticEvent[] {
  const diagnostic = inStatus(state, 'review', ['in_review']);
  if (command.data.decision === 'reject') {
    if (diagnostic.reopenedByDispute) {
      throw new DomainError('report_issued', 'After issue, scores change only through a correction (ScoreCorrected)');
    }
    return [
      {
        type: 'DiagnosticReviewRejected',
        data: { comments: command.data.comments ?? '', reviewerId: command.actorId },
      },
    ];
  }
  const approved = { type: 'DiagnosticApproved' as const, data: { approverId: command.actorId } };
  // After a dispute, approval lets the issued report stand; the level was determined at the first approval.
  if (diagnostic.reopenedByDispute) return [approved];
  return [approved, { type: 'MaturityLevelDetermined', data: determine(modelOf(diagnostic), diagnostic) }];
}

function issueReport(command: Of<'IssueReport'>, state: DiagnosticState): DiagnosticEvent[] {
  const diagnostic = inStatus(state, 'issue the report of', ['approved']);
  return [{ type: 'ReportIssued', data: reportDocument(diagnostic, diagnostic.result!, 1) }];
}

function proposeRecommendations(command: Of<'ProposeRecommendations'>, state: DiagnosticState): DiagnosticEvent[] {
  const diagnostic = inStatus(state, 'recommend on', ['approved', ...AFTER_ISSUE]);
  const model = modelOf(diagnostic);
  for (const item of command.data.items) {
    if (item.scenario && !model.scenarios.some((s) => s.code === item.scenario)) {
      invalid('unknown_scenario', `${model.id} has no scenario ${item.scenario}`);
    }
  }
  const first = diagnostic.recommendations.length + 1;
  return [
    {
      type: 'RecommendationsProposed',
      data: {
        items: command.data.items.map((item, i) => ({
          ...item,
          recId: `R${first + i}`,
          status: 'proposed' as const,
        })),
      },
    },
  ];
}

function acknowledgeReport(command: Of<'AcknowledgeReport'>, state: DiagnosticState): DiagnosticEvent[] {
  inStatus(state, 'acknowledge', ['report_issued']);
  return [{ type: 'ReportAcknowledged', data: { by: command.actorId } }];
}

function disputeReport(command: Of<'DisputeReport'>, state: DiagnosticState): DiagnosticEvent[] {
  inStatus(state, 'dispute', ['report_issued']);
  return [{ type: 'ReportDisputed', data: { by: command.actorId, points: command.data.points } }];
}

function correctScore(command: Of<'CorrectScore'>, state: DiagnosticState): DiagnosticEvent[] {
  const diagnostic = inStatus(state, 'correct', [...AFTER_ISSUE, 'in_review']);
  if (diagnostic.reportVersion === 0) {
    throw new DomainError('report_not_issued', 'Before the report is issued, score the indicator again instead');
  }
  if (command.data.approvedBy === command.actorId) {
    throw new DomainError('four_eyes', 'A correction needs an approver other than the requester');
  }
  const model = modelOf(diagnostic);
  const { target, value } = command.data;
  const isIndicator = model.indicators.some((i) => i.code === target);
  if (isIndicator) checkPoints(model, target, value);
  else checkLevel(model, target, value);
  const old = (isIndicator ? diagnostic.points[target] : diagnostic.scenarioLevels[target]) ?? null;
  if (old === value) invalid('no_change', `${target} is already ${value}`);
  const corrected: Diagnostic = isIndicator
    ? { ...diagnostic, points: { ...diagnostic.points, [target]: value } }
    : { ...diagnostic, scenarioLevels: { ...diagnostic.scenarioLevels, [target]: value } };
  const result = determine(model, corrected);
  const reportVersion = diagnostic.reportVersion + 1;
  return [
    {
      type: 'ScoreCorrected',
      data: {
        target,
        targetKind: isIndicator ? 'indicator' : 'scenario',
        old,
        new: value,
        reason: command.data.reason,
        requestedBy: command.actorId,
        approvedBy: command.data.approvedBy,
      },
    },
    {
      type: 'MaturityLevelRecomputed',
      data: { ...result, old: diagnostic.result?.level ?? 0, new: result.level, causedBy: 'ScoreCorrected' },
    },
    {
      type: 'ReportReissued',
      data: { ...reportDocument(corrected, result, reportVersion), supersedes: diagnostic.reportVersion },
    },
  ];
}

function changeRecommendationStatus(
  command: Of<'ChangeRecommendationStatus'>,
  state: DiagnosticState,
): DiagnosticEvent[] {
  const diagnostic = inStatus(state, 'track recommendations of', ['approved', ...AFTER_ISSUE]);
  const recommendation = diagnostic.recommendations.find((r) => r.recId === command.data.recId);
  if (!recommendation) {
    throw new DomainError('recommendation_not_found', `No recommendation ${command.data.recId}`, 'not_found');
  }
  return [
    {
      type: 'RecommendationStatusChanged',
      data: {
        recId: command.data.recId,
        status: command.data.status,
        linkedProjectId: command.data.linkedProjectId ?? recommendation.linkedProjectId ?? null,
      },
    },
  ];
}

function closeDiagnostic(command: Of<'CloseDiagnostic'>, state: DiagnosticState): DiagnosticEvent[] {
  inStatus(state, 'close', ['acknowledged']);
  return [{ type: 'DiagnosticClosed', data: {} }];
}

function cancelDiagnostic(command: Of<'CancelDiagnostic'>, state: DiagnosticState): DiagnosticEvent[] {
  inStatus(state, 'cancel', ['scheduled', 'assigned']);
  return [{ type: 'DiagnosticCancelled', data: { reason: command.data.reason } }];
}

function withdrawDiagnostic(command: Of<'WithdrawDiagnostic'>, state: DiagnosticState): DiagnosticEvent[] {
  inStatus(
    state,
    'withdraw',
    DIAGNOSTIC_STATUSES.filter((status) => status !== 'cancelled' && status !== 'withdrawn'),
  );
  if (command.data.approvedBy === command.actorId) {
    throw new DomainError('four_eyes', 'A withdrawal needs an approver other than the requester');
  }
  return [{ type: 'DiagnosticWithdrawn', data: command.data }];
}

/** The diagnostic's decisions, one function per command (DOMAIN.md section 2 and the invariants of section 5). */
/** A diagnostic belongs to its enterprise's district, in any status: it follows the enterprise when it moves. */
function followEnterpriseDistrict(command: Of<'FollowEnterpriseDistrict'>, state: DiagnosticState): DiagnosticEvent[] {
  const diagnostic = inStatus(state, 'move', [...DIAGNOSTIC_STATUSES]);
  const to = command.data.districtCode;
  if (diagnostic.districtCode === to) {
    throw new DomainError('district_unchanged', `The diagnostic is in district ${to} already`, 'conflict');
  }
  return [{ type: 'DiagnosticDistrictChanged', data: { from: diagnostic.districtCode, to } }];
}

export function decideDiagnostic(command: DiagnosticCommand, state: DiagnosticState): DiagnosticEvent[] {
  switch (command.type) {
    case 'ScheduleDiagnostic':
      return scheduleDiagnostic(command, state);
    case 'AssignDiagnostic':
      return assignDiagnostic(command, state);
    case 'RescheduleDiagnostic':
      return rescheduleDiagnostic(command, state);
    case 'SubmitSelfAssessment':
      return submitSelfAssessment(command, state);
    case 'ConductSurvey':
      return conductSurvey(command, state);
    case 'ScoreIndicator':
      return scoreIndicator(command, state);
    case 'RateScenario':
      return rateScenario(command, state);
    case 'SubmitForReview':
      return submitForReview(command, state);
    case 'ReviewDiagnostic':
      return reviewDiagnostic(command, state);
    case 'IssueReport':
      return issueReport(command, state);
    case 'ProposeRecommendations':
      return proposeRecommendations(command, state);
    case 'AcknowledgeReport':
      return acknowledgeReport(command, state);
    case 'DisputeReport':
      return disputeReport(command, state);
    case 'CorrectScore':
      return correctScore(command, state);
    case 'ChangeRecommendationStatus':
      return changeRecommendationStatus(command, state);
    case 'CloseDiagnostic':
      return closeDiagnostic(command, state);
    case 'CancelDiagnostic':
      return cancelDiagnostic(command, state);
    case 'WithdrawDiagnostic':
      return withdrawDiagnostic(command, state);
    case 'FollowEnterpriseDistrict':
      return followEnterpriseDistrict(command, state);
  }
}
