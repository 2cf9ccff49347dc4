import type { NewObjectFacts } from '#libs/enterprises/domain';
import type { CommandContext } from '#libs/event-sourcing';
import type { ProviderFacts } from '#libs/providers/domain';
import type { MaturityResult } from './maturity-level.js';

export const DIAGNOSTIC_STREAM = 'Diagnostic';
export const diagnosticStreamId = (id: string): string => `diagnostic-${id}`;

export const DIAGNOSTIC_KINDS = ['periodic', 'pre_retrofit', 'post_retrofit'] as const;
export type DiagnosticKind = (typeof DIAGNOSTIC_KINDS)[number];
export const WITHDRAWAL_REASONS = [
  'duplicate',
  'wrong_enterprise',
  'invalid_evidence',
  'fraud',
  'out_of_scope',
] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

export const DIAGNOSTIC_STATUSES = [
  'scheduled',
  'assigned',
  'surveyed',
  'in_review',
  'approved',
  'report_issued',
  'acknowledged',
  'disputed',
  'closed',
  'cancelled',
  'withdrawn',
] as const;
export type DiagnosticStatus = (typeof DIAGNOSTIC_STATUSES)[number];

export const RECOMMENDATION_STATUSES = ['proposed', 'accepted', 'in_progress', 'done', 'rejected'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

export interface Recommendation {
  recId: string;
  status?: RecommendationStatus;
  linkedProjectId?: string;
  scenario?: string;
  action: string;
  priority: 'high' | 'medium' | 'low';
  estCost?: number;
  providerType?: string;
}

/** What a diagnostic is scheduled with: for which enterprise, in which campaign, on which model, when. */
export interface DiagnosticPlan {
  enterpriseId: string;
  districtCode: string;
  campaignId: string;
  kind: DiagnosticKind;
  scoringModelId: string;
  scoringModelVersion: string;
  plannedDate: string;
  dueDate: string;
}

export type DiagnosticEvent =
  | { type: 'DiagnosticScheduled'; data: DiagnosticPlan & { diagnosticId: string } }
  | { type: 'DiagnosticAssigned'; data: { providerId: string; assessorIds: string[] } }
  | { type: 'DiagnosticRescheduled'; data: { newDate: string; dueDate: string } }
  | {
      type: 'SelfAssessmentSubmitted';
      data: { points: Record<string, number>; scenarioLevels: Record<string, number>; truthDeclaration: true };
    }
  | { type: 'OnSiteSurveyConducted'; data: { date: string; participants: string[]; evidenceIds: string[] } }
  | { type: 'IndicatorScored'; data: { indicatorCode: string; points: number; evidenceIds: string[] } }
  | { type: 'ScenarioLevelRated'; data: { scenarioCode: string; level: number; evidenceIds: string[] } }
  | { type: 'DiagnosticSubmittedForReview'; data: { submittedBy: string } }
  | { type: 'DiagnosticReviewRejected'; data: { comments: string; reviewerId: string } }
  | { type: 'DiagnosticApproved'; data: { approverId: string } }
  | { type: 'MaturityLevelDetermined'; data: MaturityResult }
  | { type: 'ReportIssued'; data: { reportVersion: number; docHash: string; uri: string } }
  | { type: 'RecommendationsProposed'; data: { items: Recommendation[] } }
  | { type: 'ReportAcknowledged'; data: { by: string } }
  | { type: 'ReportDisputed'; data: { by: string; points: string[] } }
  | {
      type: 'ScoreCorrected';
      data: {
        target: string;
        targetKind: 'indicator' | 'scenario';
        old: number | null;
        new: number;
        reason: string;
        requestedBy: string;
        approvedBy: string;
      };
    }
  | { type: 'MaturityLevelRecomputed'; data: MaturityResult & { old: number; new: number; causedBy: string } }
  | { type: 'ReportReissued'; data: { reportVersion: number; supersedes: number; docHash: string; uri: string } }
  | {
      type: 'RecommendationStatusChanged';
      data: { recId: string; status: RecommendationStatus; linkedProjectId: string | null };
    }
  | { type: 'DiagnosticClosed'; data: Record<string, never> }
  | { type: 'DiagnosticCancelled'; data: { reason: string } }
  | { type: 'DiagnosticWithdrawn'; data: { reasonCode: WithdrawalReason; approvedBy: string } }
  /** Its enterprise moved to another district: the diagnostic goes with it (recorded by the service). */
  | { type: 'DiagnosticDistrictChanged'; data: { from: string; to: string } };

export type DiagnosticCommand = CommandContext &
  (
    | {
        type: 'ScheduleDiagnostic';
        data: {
          enterpriseId: string;
          /** The campaign (a batch of diagnostics); the planned date's year when not given. */
          campaignId?: string | undefined;
          kind: DiagnosticKind;
          scoringModel: string;
          plannedDate: string;
          dueDate: string;
        };
        facts: NewObjectFacts;
      }
    | {
        type: 'AssignDiagnostic';
        data: { providerId: string; assessorIds: string[] };
        facts: { provider: ProviderFacts };
      }
    | { type: 'RescheduleDiagnostic'; data: { plannedDate: string; dueDate?: string } }
    | {
        type: 'SubmitSelfAssessment';
        data: { points: Record<string, number>; scenarioLevels: Record<string, number>; truthDeclaration: boolean };
      }
    | {
        type: 'ConductSurvey';
        data: { date: string; participants: string[]; evidence: string[] };
        /** The provider the diagnostic is assigned to, if any. */
        facts: { provider: ProviderFacts | null };
      }
    | { type: 'ScoreIndicator'; data: { code: string; points: number; evidence: string[] } }
    | { type: 'RateScenario'; data: { code: string; level: number; evidence: string[] } }
    | { type: 'SubmitForReview'; data: Record<string, never> }
    | { type: 'ReviewDiagnostic'; data: { decision: 'approve' | 'reject'; comments?: string } }
    | { type: 'IssueReport'; data: Record<string, never> }
    | { type: 'ProposeRecommendations'; data: { items: Omit<Recommendation, 'recId'>[] } }
    | { type: 'AcknowledgeReport'; data: Record<string, never> }
    | { type: 'DisputeReport'; data: { points: string[] } }
    | { type: 'CorrectScore'; data: { target: string; value: number; reason: string; approvedBy: string } }
    | {
        type: 'ChangeRecommendationStatus';
        data: { recId: string; status: RecommendationStatus; linkedProjectId?: string };
      }
    | { type: 'CloseDiagnostic'; data: Record<string, never> }
    | { type: 'CancelDiagnostic'; data: { reason: string } }
    | { type: 'WithdrawDiagnostic'; data: { reasonCode: WithdrawalReason; approvedBy: string } }
    | { type: 'FollowEnterpriseDistrict'; data: { districtCode: string } }
  );

export interface Diagnostic extends DiagnosticPlan {
  status: DiagnosticStatus;
  id: string;
  providerId: string | null;
  assessorIds: string[];
  surveyDate: string | null;
  points: Record<string, number>;
  scenarioLevels: Record<string, number>;
  result: MaturityResult | null;
  reportVersion: number;
  recommendations: Recommendation[];
  /** The enterprise's own answers (自评测), kept beside the assessor's scores, never instead of them. */
  selfAssessment: { points: Record<string, number>; scenarioLevels: Record<string, number> } | null;
  /** Whether the next approval follows a dispute of an issued report (the report then stands or is corrected). */
  reopenedByDispute: boolean;
}

export type DiagnosticState = { status: 'none' } | Diagnostic;

const TERMINAL: DiagnosticStatus[] = ['cancelled', 'withdrawn', 'closed'];
export const isTerminal = (status: DiagnosticStatus): boolean => TERMINAL.includes(status);
