import { type CommandContext, type Decider, DomainError } from '#libs/event-sourcing';
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
  | { type: 'ProjectTerminated'; data: { reason: string } };

export type ProjectCommand = CommandContext &
  (
    | {
        type: 'ProposeProject';
        data: Omit<ProjectProposal, 'sourceRecIds'> & { sourceRecIds?: string[] };
      }
    | {
        type: 'ApproveProject';
        data: { approvalNo: string; approvedBudget: number; subsidyRate?: number; subsidyCap?: number };
      }
    | { type: 'RejectProject'; data: { reason: string } }
    | { type: 'SignContract'; data: { providerId: string; value: number } }
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
          trialRunMinDays: number;
        };
      }
    | { type: 'CorrectBaseline'; data: { kpiCode: KpiCode; value: number; reason: string; approvedBy: string } }
    | { type: 'DisburseSubsidy'; data: { amount: number } }
    | { type: 'DesignateDemonstration'; data: { programme: string; level: DemonstrationLevel; year: number } }
    | { type: 'RevokeDemonstration'; data: { reason: string } }
    | { type: 'SuspendProject'; data: { reason: string } }
    | { type: 'ResumeProject'; data: { reason: string } }
    | { type: 'TerminateProject'; data: { reason: string } }
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

const DAY_MS = 86_400_000;
const days = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

function project(state: ProjectState): Project {
  if (state.stage === 'none')
    throw new DomainError('project_not_found', 'No project exists under this id', 'not_found');
  return state;
}

/** Invariant 8: stages follow the state machine; a suspended or ended project takes no step. */
function inStage(state: ProjectState, step: string, allowed: ProjectStage[]): Project {
  const current = project(state);
  if (current.stage === 'terminated' || current.stage === 'rejected') {
    throw new DomainError('project_ended', `The project is ${current.stage}; it cannot ${step}`);
  }
  if (current.suspended) throw new DomainError('project_suspended', `The project is suspended; resume it to ${step}`);
  if (!allowed.includes(current.stage)) {
    throw new DomainError('project_lifecycle', `Cannot ${step} a project that is ${current.stage}`, 'conflict', {
      stage: current.stage,
      allowedIn: allowed,
    });
  }
  return current;
}

const invalid = (code: string, message: string): never => {
  throw new DomainError(code, message, 'invalid');
};

function checkPeriod(period: Period): void {
  if (period.periodEnd < period.periodStart) invalid('invalid_period', 'The period ends before it starts');
}

const BUILDING: ProjectStage[] = [
  'baseline_locked',
  'under_construction',
  'trial_run',
  'acceptance_requested',
  'acceptance_failed',
];

export const projectDecider: Decider<ProjectCommand, ProjectState, ProjectEvent> = {
  initialState: () => ({ stage: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'ProposeProject': {
        if (state.stage !== 'none') throw new DomainError('project_exists', 'This project exists already');
        if (!(command.data.plannedBudget >= 0)) invalid('invalid_budget', 'The planned budget cannot be negative');
        return [{ type: 'ProjectProposed', data: { ...command.data, sourceRecIds: command.data.sourceRecIds ?? [] } }];
      }
      case 'ApproveProject': {
        // 备案 comes before 立项; the API approves in one call, so a proposed project is filed on the way.
        const current = inStage(state, 'approve', ['proposed', 'filed']);
        const { approvalNo, approvedBudget, subsidyRate, subsidyCap } = command.data;
        if (!(approvedBudget >= 0)) invalid('invalid_budget', 'The approved budget cannot be negative');
        if (subsidyRate !== undefined && !(subsidyRate >= 0 && subsidyRate <= 1)) {
          invalid('invalid_subsidy_rate', 'The subsidy rate is a share between 0 and 1');
        }
        const filed: ProjectEvent[] = current.stage === 'proposed' ? [{ type: 'ProjectFiled', data: {} }] : [];
        return [
          ...filed,
          {
            type: 'ProjectApproved',
            data: { approvalNo, approvedBudget, subsidyRate: subsidyRate ?? null, subsidyCap: subsidyCap ?? null },
          },
        ];
      }
      case 'RejectProject':
        inStage(state, 'reject', ['proposed', 'filed']);
        return [{ type: 'ProjectRejected', data: command.data }];
      case 'SignContract':
        inStage(state, 'sign a contract for', ['approved']);
        if (!(command.data.value > 0)) invalid('invalid_contract_value', 'The contract value must be positive');
        return [{ type: 'ServiceContractSigned', data: command.data }];
      case 'RecordBaseline': {
        const current = inStage(state, 'record a baseline for', ['approved', 'contracted', 'baseline_locked']);
        // Invariant 9: once locked, a baseline changes only through an approved correction.
        if (current.baselineLocked)
          throw new DomainError('baseline_locked', 'The baseline is locked; a change needs an approved correction');
        checkPeriod(command.data);
        return [{ type: 'BaselineRecorded', data: command.data }];
      }
      case 'LockBaseline': {
        const current = inStage(state, 'lock the baseline of', ['contracted']);
        const kpiCodes = Object.keys(current.baselines) as KpiCode[];
        if (kpiCodes.length === 0)
          throw new DomainError('no_baseline', 'Record at least one KPI baseline before locking');
        return [{ type: 'BaselineLocked', data: { kpiCodes } }];
      }
      case 'PlanMilestone': {
        const current = inStage(state, 'plan a milestone for', ['approved', 'contracted', ...BUILDING]);
        return [{ type: 'MilestonePlanned', data: { id: `M${current.milestones.length + 1}`, ...command.data } }];
      }
      case 'CompleteMilestone': {
        const current = inStage(state, 'complete a milestone of', ['approved', 'contracted', ...BUILDING]);
        const milestone = current.milestones.find((m) => m.id === command.data.milestoneId);
        if (!milestone)
          throw new DomainError('milestone_not_found', `No milestone ${command.data.milestoneId}`, 'not_found');
        if (milestone.completedOn)
          throw new DomainError('milestone_completed', `Milestone ${milestone.id} is completed already`);
        return [{ type: 'MilestoneCompleted', data: { id: milestone.id, date: command.data.date } }];
      }
      case 'StartConstruction':
        inStage(state, 'start construction of', ['baseline_locked']);
        return [{ type: 'ConstructionStarted', data: command.data }];
      case 'StartTrialRun': {
        const current = inStage(state, 'start the trial run of', ['under_construction']);
        if (current.constructionStartedOn && command.data.date < current.constructionStartedOn) {
          invalid('trial_before_construction', 'The trial run cannot start before construction');
        }
        return [{ type: 'TrialRunStarted', data: command.data }];
      }
      case 'MeasureKpi': {
        const current = inStage(state, 'measure a KPI of', [...BUILDING, 'accepted']);
        checkPeriod(command.data);
        const baseline = current.baselines[command.data.kpiCode];
        if (!baseline)
          throw new DomainError(
            'no_baseline_for_kpi',
            `No baseline was recorded for ${command.data.kpiCode}`,
            'invalid',
          );
        if (baseline.unit !== command.data.unit) {
          invalid('unit_mismatch', `${command.data.kpiCode} is measured in ${baseline.unit}, not ${command.data.unit}`);
        }
        return [{ type: 'KpiMeasured', data: { ...command.data, source: 'manual' } }];
      }
      case 'RequestAcceptance': {
        const current = inStage(state, 'request acceptance of', ['trial_run', 'acceptance_failed']);
        return [
          ...(current.stage === 'acceptance_failed' ? [{ type: 'RectificationCompleted' as const, data: {} }] : []),
          { type: 'AcceptanceRequested', data: {} },
        ];
      }
      case 'RecordAcceptance': {
        const current = inStage(state, 'record acceptance of', ['acceptance_requested']);
        const { result, date, evaluatorOrgId, findings, postDiagnosticId, trialRunMinDays } = command.data;
        // Invariant 2: the evaluator is not the contracted provider.
        if (evaluatorOrgId === current.providerId) {
          throw new DomainError('evaluator_is_provider', 'The acceptance evaluator may not be the contracted provider');
        }
        const inspected = { type: 'AcceptanceInspected' as const, data: { date, evaluatorOrgId, findings } };
        if (result === 'failed') return [inspected, { type: 'AcceptanceFailed', data: { date, reasons: findings } }];
        const trialRunDays = days(current.trialRunStartedOn!, date);
        const open = current.milestones.filter((m) => m.mandatory && !m.completedOn).map((m) => m.id);
        const problems = [
          ...(current.baselineLocked ? [] : ['the baseline is not locked']),
          ...(open.length ? [`mandatory milestones open: ${open.join(', ')}`] : []),
          ...(trialRunDays < trialRunMinDays
            ? [`the trial run lasted ${trialRunDays} days, at least ${trialRunMinDays} are needed`]
            : []),
          ...Object.keys(current.baselines)
            .filter((code) => !current.measurements[code as KpiCode]?.length)
            .map((code) => `no measurement of ${code} after the baseline`),
        ];
        if (problems.length) {
          throw new DomainError('acceptance_preconditions', `Cannot accept: ${problems.join('; ')}`, 'conflict', {
            problems,
          });
        }
        return [
          inspected,
          { type: 'ProjectAccepted', data: { date, postDiagnosticId: postDiagnosticId ?? null, trialRunDays } },
        ];
      }
      case 'CorrectBaseline': {
        const current = inStage(state, 'correct the baseline of', [...BUILDING, 'accepted']);
        const { kpiCode, value, reason, approvedBy } = command.data;
        const baseline = current.baselines[kpiCode];
        if (!baseline)
          throw new DomainError('no_baseline_for_kpi', `No baseline was recorded for ${kpiCode}`, 'invalid');
        if (approvedBy === command.actorId) {
          throw new DomainError('four_eyes', 'A baseline correction needs an approver other than the requester');
        }
        if (baseline.value === value) invalid('no_change', `The ${kpiCode} baseline is already ${value}`);
        const corrected: ProjectEvent = {
          type: 'BaselineCorrected',
          data: { kpiCode, old: baseline.value, new: value, reason, requestedBy: command.actorId, approvedBy },
        };
        return current.stage === 'accepted'
          ? [corrected, { type: 'AcceptanceFlaggedForReview', data: { causedBy: 'BaselineCorrected', reason } }]
          : [corrected];
      }
      case 'DisburseSubsidy': {
        // Invariant 11: subsidy <= min(cap, rate x eligible investment), over all disbursements.
        const current = inStage(state, 'disburse a subsidy for', ['accepted']);
        if (!(command.data.amount > 0)) invalid('invalid_amount', 'A disbursement is a positive amount');
        if (current.subsidyRate === null) throw new DomainError('no_subsidy', 'The approval granted no subsidy');
        const eligible = Math.min(current.approvedBudget ?? 0, current.contractValue ?? current.approvedBudget ?? 0);
        const limit = Math.min(current.subsidyCap ?? Infinity, current.subsidyRate * eligible);
        const total = current.subsidyDisbursed + command.data.amount;
        if (total > limit + 1e-6) {
          throw new DomainError(
            'subsidy_exceeds_limit',
            `Disbursements would total ${total}, above the limit of ${limit}`,
            'conflict',
            { limit, total },
          );
        }
        return [{ type: 'SubsidyDisbursed', data: { amount: command.data.amount, totalDisbursed: total, limit } }];
      }
      case 'DesignateDemonstration': {
        // Invariant 10: only an accepted project; at most one designation per programme and year.
        const current = inStage(state, 'designate', ['accepted']);
        if (current.acceptanceUnderReview) {
          throw new DomainError(
            'acceptance_under_review',
            'A baseline was corrected after acceptance; the acceptance is under review',
          );
        }
        const { programme, year } = command.data;
        if (current.demonstrations.some((d) => d.programme === programme && d.year === year && !d.revoked)) {
          throw new DomainError(
            'already_designated',
            `The project is designated under ${programme} for ${year} already`,
          );
        }
        return [
          { type: 'DemonstrationNominated', data: { programme, year } },
          { type: 'DemonstrationDesignated', data: command.data },
        ];
      }
      case 'RevokeDemonstration': {
        const current = inStage(state, 'revoke a designation of', ['accepted']);
        const active = current.demonstrations.filter((d) => !d.revoked).at(-1);
        if (!active) throw new DomainError('not_designated', 'The project holds no designation to revoke');
        return [
          {
            type: 'DemonstrationRevoked',
            data: { programme: active.programme, year: active.year, reason: command.data.reason },
          },
        ];
      }
      case 'SuspendProject': {
        const current = project(state);
        if (['accepted', 'terminated', 'rejected'].includes(current.stage)) {
          throw new DomainError('project_lifecycle', `A project that is ${current.stage} cannot be suspended`);
        }
        if (current.suspended) throw new DomainError('project_suspended', 'The project is suspended already');
        return [{ type: 'ProjectSuspended', data: command.data }];
      }
      case 'ResumeProject':
        if (!project(state).suspended) throw new DomainError('project_not_suspended', 'The project is not suspended');
        return [{ type: 'ProjectResumed', data: command.data }];
      case 'TerminateProject': {
        const current = project(state);
        if (['accepted', 'terminated', 'rejected'].includes(current.stage)) {
          throw new DomainError('project_lifecycle', `A project that is ${current.stage} cannot be terminated`);
        }
        return [{ type: 'ProjectTerminated', data: command.data }];
      }
    }
  },

  evolve(state, event) {
    if (event.type === 'ProjectProposed') {
      const { projectId, sourceRecIds: _, ...data } = event.data;
      return {
        stage: 'proposed',
        id: projectId,
        ...data,
        approvedBudget: null,
        subsidyRate: null,
        subsidyCap: null,
        subsidyDisbursed: 0,
        acceptanceUnderReview: false,
        providerId: null,
        contractValue: null,
        baselines: {},
        baselineLocked: false,
        milestones: [],
        constructionStartedOn: null,
        trialRunStartedOn: null,
        measurements: {},
        acceptedOn: null,
        suspended: false,
        demonstrations: [],
      };
    }
    if (state.stage === 'none') return state;
    switch (event.type) {
      case 'ProjectFiled':
        return { ...state, stage: 'filed' };
      case 'ProjectApproved':
        return {
          ...state,
          stage: 'approved',
          approvedBudget: event.data.approvedBudget,
          subsidyRate: event.data.subsidyRate ?? null,
          subsidyCap: event.data.subsidyCap ?? null,
        };
      case 'BaselineCorrected': {
        const baseline = state.baselines[event.data.kpiCode];
        return baseline
          ? {
              ...state,
              baselines: { ...state.baselines, [event.data.kpiCode]: { ...baseline, value: event.data.new } },
            }
          : state;
      }
      case 'AcceptanceFlaggedForReview':
        return { ...state, acceptanceUnderReview: true };
      case 'SubsidyDisbursed':
        return { ...state, subsidyDisbursed: event.data.totalDisbursed };
      case 'ProjectRejected':
        return { ...state, stage: 'rejected' };
      case 'ServiceContractSigned':
        return { ...state, stage: 'contracted', providerId: event.data.providerId, contractValue: event.data.value };
      case 'BaselineRecorded': {
        const { kpiCode, ...baseline } = event.data;
        return { ...state, baselines: { ...state.baselines, [kpiCode]: baseline } };
      }
      case 'BaselineLocked':
        return { ...state, stage: 'baseline_locked', baselineLocked: true };
      case 'MilestonePlanned':
        return { ...state, milestones: [...state.milestones, { ...event.data, completedOn: null }] };
      case 'MilestoneCompleted':
        return {
          ...state,
          milestones: state.milestones.map((m) =>
            m.id === event.data.id ? { ...m, completedOn: event.data.date } : m,
          ),
        };
      case 'ConstructionStarted':
        return { ...state, stage: 'under_construction', constructionStartedOn: event.data.date };
      case 'TrialRunStarted':
        return { ...state, stage: 'trial_run', trialRunStartedOn: event.data.date };
      case 'KpiMeasured': {
        const { kpiCode, source: _, ...measurement } = event.data;
        return {
          ...state,
          measurements: { ...state.measurements, [kpiCode]: [...(state.measurements[kpiCode] ?? []), measurement] },
        };
      }
      case 'AcceptanceRequested':
        return { ...state, stage: 'acceptance_requested' };
      case 'RectificationCompleted':
      case 'AcceptanceInspected':
      case 'DemonstrationNominated':
        return state;
      case 'ProjectAccepted':
        return { ...state, stage: 'accepted', acceptedOn: event.data.date };
      case 'AcceptanceFailed':
        return { ...state, stage: 'acceptance_failed' };
      case 'DemonstrationDesignated':
        return { ...state, demonstrations: [...state.demonstrations, { ...event.data, revoked: false }] };
      case 'DemonstrationRevoked':
        return {
          ...state,
          demonstrations: state.demonstrations.map((d) =>
            d.programme === event.data.programme && d.year === event.data.year ? { ...d, revoked: true } : d,
          ),
        };
      case 'ProjectSuspended':
        return { ...state, suspended: true };
      case 'ProjectResumed':
        return { ...state, suspended: false };
      case 'ProjectTerminated':
        return { ...state, stage: 'terminated', suspended: false };
    }
  },
};
