import { DomainError } from '#libs/event-sourcing';
import type { KpiCode } from './kpis.js';
import {
  type Project,
  type ProjectCommand,
  type ProjectEvent,
  type ProjectStage,
  type ProjectState,
} from './project.types.js';

type Of<Type extends ProjectCommand['type']> = Extract<ProjectCommand, { type: Type }>;
type Period = { periodStart: string; periodEnd: string };

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

function proposeProject(command: Of<'ProposeProject'>, state: ProjectState): ProjectEvent[] {
  if (state.stage !== 'none') throw new DomainError('project_exists', 'This project exists already');
  const { id: projectId, enterprise } = command.facts;
  if (enterprise.status === 'closed') throw new DomainError('enterprise_closed', 'The enterprise is closed');
  if (!(command.data.plannedBudget >= 0)) invalid('invalid_budget', 'The planned budget cannot be negative');
  const { enterpriseId, type, name, scenarios, plannedBudget, sourceRecIds } = command.data;
  return [
    {
      type: 'ProjectProposed',
      data: {
        projectId,
        enterpriseId,
        districtCode: enterprise.districtCode,
        type,
        name,
        scenarios,
        sourceRecIds: sourceRecIds ?? [],
        plannedBudget,
      },
    },
  ];
}

function approveProject(command: Of<'ApproveProject'>, state: ProjectState): ProjectEvent[] {
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

function rejectProject(command: Of<'RejectProject'>, state: ProjectState): ProjectEvent[] {
  inStage(state, 'reject', ['proposed', 'filed']);
  return [{ type: 'ProjectRejected', data: command.data }];
}

function signContract(command: Of<'SignContract'>, state: ProjectState): ProjectEvent[] {
  inStage(state, 'sign a contract for', ['approved']);
  if (!command.facts.provider.admitted) {
    throw new DomainError(
      'provider_not_available',
      `Provider ${command.data.providerId} is not admitted or is suspended`,
    );
  }
  if (!(command.data.value > 0)) invalid('invalid_contract_value', 'The contract value must be positive');
  return [{ type: 'ServiceContractSigned', data: command.data }];
}

function recordBaseline(command: Of<'RecordBaseline'>, state: ProjectState): ProjectEvent[] {
  const current = inStage(state, 'record a baseline for', ['approved', 'contracted', 'baseline_locked']);
  // Invariant 9: once locked, a baseline changes only through an approved correction.
  if (current.baselineLocked)
    throw new DomainError('baseline_locked', 'The baseline is locked; a change needs an approved correction');
  checkPeriod(command.data);
  return [{ type: 'BaselineRecorded', data: command.data }];
}

function lockBaseline(command: Of<'LockBaseline'>, state: ProjectState): ProjectEvent[] {
  const current = inStage(state, 'lock the baseline of', ['contracted']);
  const kpiCodes = Object.keys(current.baselines) as KpiCode[];
  if (kpiCodes.length === 0) throw new DomainError('no_baseline', 'Record at least one KPI baseline before locking');
  return [{ type: 'BaselineLocked', data: { kpiCodes } }];
}

function planMilestone(command: Of<'PlanMilestone'>, state: ProjectState): ProjectEvent[] {
  const current = inStage(state, 'plan a milestone for', ['approved', 'contracted', ...BUILDING]);
  return [{ type: 'MilestonePlanned', data: { id: `M${current.milestones.length + 1}`, ...command.data } }];
}

function completeMilestone(command: Of<'CompleteMilestone'>, state: ProjectState): ProjectEvent[] {
  const current = inStage(state, 'complete a milestone of', ['approved', 'contracted', ...BUILDING]);
  const milestone = current.milestones.find((m) => m.id === command.data.milestoneId);
  if (!milestone) throw new DomainError('milestone_not_found', `No milestone ${command.data.milestoneId}`, 'not_found');
  if (milestone.completedOn)
    throw new DomainError('milestone_completed', `Milestone ${milestone.id} is completed already`);
  return [{ type: 'MilestoneCompleted', data: { id: milestone.id, date: command.data.date } }];
}

function startConstruction(command: Of<'StartConstruction'>, state: ProjectState): ProjectEvent[] {
  inStage(state, 'start construction of', ['baseline_locked']);
  return [{ type: 'ConstructionStarted', data: command.data }];
}

function startTrialRun(command: Of<'StartTrialRun'>, state: ProjectState): ProjectEvent[] {
  const current = inStage(state, 'start the trial run of', ['under_construction']);
  if (current.constructionStartedOn && command.data.date < current.constructionStartedOn) {
    invalid('trial_before_construction', 'The trial run cannot start before construction');
  }
  return [{ type: 'TrialRunStarted', data: command.data }];
}

function measureKpi(command: Of<'MeasureKpi'>, state: ProjectState): ProjectEvent[] {
  const current = inStage(state, 'measure a KPI of', [...BUILDING, 'accepted']);
  checkPeriod(command.data);
  const baseline = current.baselines[command.data.kpiCode];
  if (!baseline)
    throw new DomainError('no_baseline_for_kpi', `No baseline was recorded for ${command.data.kpiCode}`, 'invalid');
  if (baseline.unit !== command.data.unit) {
    invalid('unit_mismatch', `${command.data.kpiCode} is measured in ${baseline.unit}, not ${command.data.unit}`);
  }
  return [{ type: 'KpiMeasured', data: { ...command.data, source: 'manual' } }];
}

function requestAcceptance(command: Of<'RequestAcceptance'>, state: ProjectState): ProjectEvent[] {
  const current = inStage(state, 'request acceptance of', ['trial_run', 'acceptance_failed']);
  return [
    ...(current.stage === 'acceptance_failed' ? [{ type: 'RectificationCompleted' as const, data: {} }] : []),
    { type: 'AcceptanceRequested', data: {} },
  ];
}

function recordAcceptance(command: Of<'RecordAcceptance'>, state: ProjectState): ProjectEvent[] {
  const current = inStage(state, 'record acceptance of', ['acceptance_requested']);
  const { result, date, evaluatorOrgId, findings, postDiagnosticId } = command.data;
  const { trialRunMinDays } = command.facts;
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

function correctBaseline(command: Of<'CorrectBaseline'>, state: ProjectState): ProjectEvent[] {
  const current = inStage(state, 'correct the baseline of', [...BUILDING, 'accepted']);
  const { kpiCode, value, reason, approvedBy } = command.data;
  const baseline = current.baselines[kpiCode];
  if (!baseline) throw new DomainError('no_baseline_for_kpi', `No baseline was recorded for ${kpiCode}`, 'invalid');
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

function disburseSubsidy(command: Of<'DisburseSubsidy'>, state: ProjectState): ProjectEvent[] {
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

function designateDemonstration(command: Of<'DesignateDemonstration'>, state: ProjectState): ProjectEvent[] {
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
    throw new DomainError('already_designated', `The project is designated under ${programme} for ${year} already`);
  }
  return [
    { type: 'DemonstrationNominated', data: { programme, year } },
    { type: 'DemonstrationDesignated', data: command.data },
  ];
}

function revokeDemonstration(command: Of<'RevokeDemonstration'>, state: ProjectState): ProjectEvent[] {
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

function suspendProject(command: Of<'SuspendProject'>, state: ProjectState): ProjectEvent[] {
  const current = project(state);
  if (['accepted', 'terminated', 'rejected'].includes(current.stage)) {
    throw new DomainError('project_lifecycle', `A project that is ${current.stage} cannot be suspended`);
  }
  if (current.suspended) throw new DomainError('project_suspended', 'The project is suspended already');
  return [{ type: 'ProjectSuspended', data: command.data }];
}

function resumeProject(command: Of<'ResumeProject'>, state: ProjectState): ProjectEvent[] {
  if (!project(state).suspended) throw new DomainError('project_not_suspended', 'The project is not suspended');
  return [{ type: 'ProjectResumed', data: command.data }];
}

function terminateProject(command: Of<'TerminateProject'>, state: ProjectState): ProjectEvent[] {
  const current = project(state);
  if (['accepted', 'terminated', 'rejected'].includes(current.stage)) {
    throw new DomainError('project_lifecycle', `A project that is ${current.stage} cannot be terminated`);
  }
  return [{ type: 'ProjectTerminated', data: command.data }];
}

/** A project belongs to its enterprise's district, whatever its stage: it follows the enterprise when it moves. */
function followEnterpriseDistrict(command: Of<'FollowEnterpriseDistrict'>, state: ProjectState): ProjectEvent[] {
  const current = project(state);
  const to = command.data.districtCode;
  if (current.districtCode === to) {
    throw new DomainError('district_unchanged', `The project is in district ${to} already`, 'conflict');
  }
  return [{ type: 'ProjectDistrictChanged', data: { from: current.districtCode, to } }];
}

/** The project's decisions, one function per command (DOMAIN.md section 3 and invariants 8 to 11). */
export function decideProject(command: ProjectCommand, state: ProjectState): ProjectEvent[] {
  switch (command.type) {
    case 'ProposeProject':
      return proposeProject(command, state);
    case 'ApproveProject':
      return approveProject(command, state);
    case 'RejectProject':
      return rejectProject(command, state);
    case 'SignContract':
      return signContract(command, state);
    case 'RecordBaseline':
      return recordBaseline(command, state);
    case 'LockBaseline':
      return lockBaseline(command, state);
    case 'PlanMilestone':
      return planMilestone(command, state);
    case 'CompleteMilestone':
      return completeMilestone(command, state);
    case 'StartConstruction':
      return startConstruction(command, state);
    case 'StartTrialRun':
      return startTrialRun(command, state);
    case 'MeasureKpi':
      return measureKpi(command, state);
    case 'RequestAcceptance':
      return requestAcceptance(command, state);
    case 'RecordAcceptance':
      return recordAcceptance(command, state);
    case 'CorrectBaseline':
      return correctBaseline(command, state);
    case 'DisburseSubsidy':
      return disburseSubsidy(command, state);
    case 'DesignateDemonstration':
      return designateDemonstration(command, state);
    case 'RevokeDemonstration':
      return revokeDemonstration(command, state);
    case 'SuspendProject':
      return suspendProject(command, state);
    case 'ResumeProject':
      return resumeProject(command, state);
    case 'TerminateProject':
      return terminateProject(command, state);
    case 'FollowEnterpriseDistrict':
      return followEnterpriseDistrict(command, state);
  }
}
