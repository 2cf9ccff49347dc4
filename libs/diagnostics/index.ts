export { ChangeRecommendationStatus } from './commands/change-recommendation-status/change-recommendation-status.command.js';
export { CloseDiagnostic } from './commands/close-diagnostic/close-diagnostic.command.js';
export { SubmitSelfAssessment } from './commands/submit-self-assessment/submit-self-assessment.command.js';
export { AcknowledgeReport } from './commands/acknowledge-report/acknowledge-report.command.js';
export { AssignDiagnostic } from './commands/assign-diagnostic/assign-diagnostic.command.js';
export { CancelDiagnostic } from './commands/cancel-diagnostic/cancel-diagnostic.command.js';
export { ConductSurvey } from './commands/conduct-survey/conduct-survey.command.js';
export { CorrectScore } from './commands/correct-score/correct-score.command.js';
export { canSeeDiagnostic, type DiagnosticWriteResult } from './commands/diagnostic-command.js';
export { DisputeReport } from './commands/dispute-report/dispute-report.command.js';
export { IssueReport } from './commands/issue-report/issue-report.command.js';
export { ProposeRecommendations } from './commands/propose-recommendations/propose-recommendations.command.js';
export { RateScenario } from './commands/rate-scenario/rate-scenario.command.js';
export { RescheduleDiagnostic } from './commands/reschedule-diagnostic/reschedule-diagnostic.command.js';
export { ReviewDiagnostic } from './commands/review-diagnostic/review-diagnostic.command.js';
export { ScheduleDiagnostic } from './commands/schedule-diagnostic/schedule-diagnostic.command.js';
export { ScoreIndicator } from './commands/score-indicator/score-indicator.command.js';
export { SubmitDiagnostic } from './commands/submit-diagnostic/submit-diagnostic.command.js';
export { WithdrawDiagnostic } from './commands/withdraw-diagnostic/withdraw-diagnostic.command.js';
export { DiagnosticsModule } from './diagnostics.module.js';
export {
  DIAGNOSTIC_KINDS,
  DIAGNOSTIC_STATUSES,
  DIAGNOSTIC_STREAM,
  type DiagnosticEvent,
  diagnosticDecider,
  type DiagnosticState,
  diagnosticStreamId,
  RECOMMENDATION_STATUSES,
  WITHDRAWAL_REASONS,
} from './domain/diagnostic.js';
export { determineMaturityLevel, type MaturityResult } from './domain/maturity-level.js';
export { SCORING_MODEL_IDS, scoringModel } from './domain/scoring-models.js';
export { diagnosticsProjection } from './projections/diagnostics.projection.js';
export { ListDiagnostics } from './queries/list-diagnostics/list-diagnostics.query.js';
export { GetDiagnostic } from './queries/get-diagnostic/get-diagnostic.query.js';
export {
  type DiagnosticDetail,
  type DiagnosticFilter,
  type DiagnosticSummary,
} from './queries/diagnostic-read.repository.js';
