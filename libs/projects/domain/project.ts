import type { Decider } from '#libs/event-sourcing';
import { decideProject } from './project-decide.js';
import type { ProjectCommand, ProjectEvent, ProjectState } from './project.types.js';

export * from './project.types.js';

export const projectDecider: Decider<ProjectCommand, ProjectState, ProjectEvent> = {
  initialState: () => ({ stage: 'none' }),
  decide: decideProject,

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
      case 'ProjectDistrictChanged':
        return { ...state, districtCode: event.data.to };
    }
  },
};
