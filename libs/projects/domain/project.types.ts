import type { NewObjectFacts } from '#libs/enterprises/domain';
import type { CommandContext } from '#libs/event-sourcing';
import type { ProviderFacts } from '#libs/providers/domain';
import type { KpiCode } from './kpis.js';

export const PROJECT_STREAM = 'TransformationProject';
export const projectStreamId = (id: string): string => `project-${id}`;

export const PROJECT_TYPES = ['digital_workshop', 'smart_factory', 'other'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];
export const DEMONSTRATION_LEVELS = ['district', 'city', 'province', 'national'] as const;
export type DemonstrationLevel = (typeof DEMONSTRATION_LEVELS)[number];

export const PROJECT_STAGES = [
  'proposed',
  'filed',
  'approved',
  'rejected',
  'contracted',
  'baseline_locked',
  'under_construction',
  'trial_run',
  'acceptance_requested',
  'acceptance_failed',
  'accepted',
  'terminated',
] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

interface Period {
  periodStart: string;
  periodEnd: string;
}
export interface Baseline extends Period {
  value: number;
  unit: string;
  method: string;
}
export interface Measurement extends Period {
  value: number;
  unit: string;
}
export interface Milestone {
  id: string;
  name: string;
  due: string;
  mandatory: boolean;
  completedOn: string | null;
}

/** What an enterprise proposes; `sourceRecIds` are the diagnostic recommendations it answers. */
export interface ProjectProposal {
  projectId: string;
  enterpriseId: string;
  districtCode: string;
  type: ProjectType;
  name: string;
  scenarios: string[];
  sourceRecIds: string[];
  plannedBudget: number;
}

export type ProjectEvent =
  | { type: 'ProjectProposed'; data: ProjectProposal }
  | { type: 'ProjectFiled'; data: Record<string, never> }
  | {
      type: 'ProjectApproved';
      data: { approvalNo: string; approvedBudget: number; subsidyRate: number | null; subsidyCap: number | null };
    }
  | { type: 'ProjectRejected'; data: { reason: string } }
  | { type: 'ServiceContractSigned'; data: { providerId: string; value: number } }
  | { type: 'BaselineRecorded'; data: Baseline & { kpiCode: KpiCode } }
  | { type: 'BaselineLocked'; data: { kpiCodes: KpiCode[] } }
  | { type: 'MilestonePlanned'; data: { id: string; name: string; due: string; mandatory: boolean } }
  | { type: 'MilestoneCompleted'; data: { id: string; date: string } }
  | { type: 'ConstructionStarted'; data: { date: string } }
  | { type: 'TrialRunStarted'; data: { date: string } }
  | { type: 'KpiMeasured'; data: Measurement & { kpiCode: KpiCode; source: 'manual' | 'system' } }
  | { type: 'AcceptanceRequested'; data: Record<string, never> }
  | { type: 'RectificationCompleted'; data: Record<string, never> }
  | { type: 'AcceptanceInspected'; data: { date: string; evaluatorOrgId: string; findings: string } }
  | { type: 'ProjectAccepted'; data: { date: string; postDiagnosticId: string | null; trialRunDays: number } }
  | { type: 'AcceptanceFailed'; data: { date: string; reasons: string } }
  | {
      type: 'BaselineCorrected';
      data: { kpiCode: KpiCode; old: number; new: number; reason: string; requestedBy: string; approvedBy: string };
    }
  | { type: 'AcceptanceFlaggedForReview'; data: { causedBy: string; reason: string } }
  | { type: 'SubsidyDisbursed'; data: { amount: number; totalDisbursed: number; limit: number } }
  | { type: 'DemonstrationNominated'; data: { programme: string; year: number } }
  | { type: 'DemonstrationDesignated'; data: { programme: string; level: DemonstrationLevel; year: number } }
  | { type: 'DemonstrationRevoked'; data: { programme: string; year: number; reason: string } }
  | { type: 'ProjectSuspended'; data: { reason: string } }
  | { type: 'ProjectResumed'; data: { reason: string } }
  | { type: 'ProjectTerminated'; data: { reason: string } }
  /** Its enterprise moved to another district: the project goes with it (recorded by the service). */
  | { type: 'ProjectDistrictChanged'; data: { from: string; to: string } };

export type ProjectCommand = CommandContext &
  (
    | {
        type: 'ProposeProject';
        data: Omit<ProjectProposal, 'projectId' | 'districtCode' | 'sourceRecIds'> & { sourceRecIds?: string[] };
        facts: NewObjectFacts;
      }
    | {
        type: 'ApproveProject';
        data: { approvalNo: string; approvedBudget: number; subsidyRate?: number; subsidyCap?: number };
      }
    | { type: 'RejectProject'; data: { reason: string } }
    | {
        type: 'SignContract';
        data: { providerId: string; value: number };
        facts: { provider: ProviderFacts };
      }
    | { type: 'RecordBaseline'; data: Baseline & { kpiCode: KpiCode } }
    | { type: 'LockBaseline'; data: Record<string, never> }
    | { type: 'PlanMilestone'; data: { name: string; due: string; mandatory: boolean } }
    | { type: 'CompleteMilestone'; data: { milestoneId: string; date: string } }
    | { type: 'StartConstruction'; data: { date: string } }
    | { type: 'StartTrialRun'; data: { date: string } }
    | { type: 'MeasureKpi'; data: Measurement & { kpiCode: KpiCode } }
    | { type: 'RequestAcceptance'; data: Record<string, never> }
    | {
        type: 'RecordAcceptance';
        data: {
          result: 'accepted' | 'failed';
          date: string;
          evaluatorOrgId: string;
          findings: string;
          postDiagnosticId?: string;
        };
        /** The deployment's shortest trial run (TRIAL_RUN_MIN_DAYS). */
        facts: { trialRunMinDays: number };
      }
    | { type: 'CorrectBaseline'; data: { kpiCode: KpiCode; value: number; reason: string; approvedBy: string } }
    | { type: 'DisburseSubsidy'; data: { amount: number } }
    | { type: 'DesignateDemonstration'; data: { programme: string; level: DemonstrationLevel; year: number } }
    | { type: 'RevokeDemonstration'; data: { reason: string } }
    | { type: 'SuspendProject'; data: { reason: string } }
    | { type: 'ResumeProject'; data: { reason: string } }
    | { type: 'TerminateProject'; data: { reason: string } }
    | { type: 'FollowEnterpriseDistrict'; data: { districtCode: string } }
  );

export interface Project {
  stage: ProjectStage;
  id: string;
  enterpriseId: string;
  districtCode: string;
  type: ProjectType;
  name: string;
  scenarios: string[];
  plannedBudget: number;
  approvedBudget: number | null;
  subsidyRate: number | null;
  subsidyCap: number | null;
  subsidyDisbursed: number;
  /** A baseline corrected after acceptance puts the acceptance up for review (invariant 9). */
  acceptanceUnderReview: boolean;
  providerId: string | null;
  contractValue: number | null;
  baselines: Partial<Record<KpiCode, Baseline>>;
  baselineLocked: boolean;
  milestones: Milestone[];
  constructionStartedOn: string | null;
  trialRunStartedOn: string | null;
  measurements: Partial<Record<KpiCode, Measurement[]>>;
  acceptedOn: string | null;
  suspended: boolean;
  demonstrations: { programme: string; level: DemonstrationLevel; year: number; revoked: boolean }[];
}

export type ProjectState = { stage: 'none' } | Project;
