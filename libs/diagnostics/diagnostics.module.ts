import { Module } from '@nestjs/common';
import { ChangeRecommendationStatusHandler } from './commands/change-recommendation-status/change-recommendation-status.handler.js';
import { CloseDiagnosticHandler } from './commands/close-diagnostic/close-diagnostic.handler.js';
import { SubmitSelfAssessmentHandler } from './commands/submit-self-assessment/submit-self-assessment.handler.js';
import { AcknowledgeReportHandler } from './commands/acknowledge-report/acknowledge-report.handler.js';
import { AssignDiagnosticHandler } from './commands/assign-diagnostic/assign-diagnostic.handler.js';
import { CancelDiagnosticHandler } from './commands/cancel-diagnostic/cancel-diagnostic.handler.js';
import { ConductSurveyHandler } from './commands/conduct-survey/conduct-survey.handler.js';
import { CorrectScoreHandler } from './commands/correct-score/correct-score.handler.js';
import { DisputeReportHandler } from './commands/dispute-report/dispute-report.handler.js';
import { IssueReportHandler } from './commands/issue-report/issue-report.handler.js';
import { ProposeRecommendationsHandler } from './commands/propose-recommendations/propose-recommendations.handler.js';
import { RateScenarioHandler } from './commands/rate-scenario/rate-scenario.handler.js';
import { RescheduleDiagnosticHandler } from './commands/reschedule-diagnostic/reschedule-diagnostic.handler.js';
import { ReviewDiagnosticHandler } from './commands/review-diagnostic/review-diagnostic.handler.js';
import { ScheduleDiagnosticHandler } from './commands/schedule-diagnostic/schedule-diagnostic.handler.js';
import { ScoreIndicatorHandler } from './commands/score-indicator/score-indicator.handler.js';
import { SubmitDiagnosticHandler } from './commands/submit-diagnostic/submit-diagnostic.handler.js';
import { WithdrawDiagnosticHandler } from './commands/withdraw-diagnostic/withdraw-diagnostic.handler.js';
import { ListDiagnosticsHandler } from './queries/list-diagnostics/list-diagnostics.handler.js';
import { GetDiagnosticHandler } from './queries/get-diagnostic/get-diagnostic.handler.js';
import { DiagnosticReadRepository } from './queries/diagnostic-read.repository.js';

@Module({
  providers: [
    DiagnosticReadRepository,
    ListDiagnosticsHandler,
    GetDiagnosticHandler,
    ScheduleDiagnosticHandler,
    AssignDiagnosticHandler,
    RescheduleDiagnosticHandler,
    ConductSurveyHandler,
    ScoreIndicatorHandler,
    RateScenarioHandler,
    SubmitDiagnosticHandler,
    ReviewDiagnosticHandler,
    IssueReportHandler,
    ProposeRecommendationsHandler,
    AcknowledgeReportHandler,
    DisputeReportHandler,
    CorrectScoreHandler,
    CancelDiagnosticHandler,
    WithdrawDiagnosticHandler,
    SubmitSelfAssessmentHandler,
    ChangeRecommendationStatusHandler,
    CloseDiagnosticHandler,
  ],
})
export class DiagnosticsModule {}
