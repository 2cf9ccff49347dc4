export { CorrectBaseline } from './commands/correct-baseline/correct-baseline.command.js';
export { DisburseSubsidy } from './commands/disburse-subsidy/disburse-subsidy.command.js';
export { ApproveProject } from './commands/approve-project/approve-project.command.js';
export { CompleteMilestone } from './commands/complete-milestone/complete-milestone.command.js';
export { DesignateDemonstration } from './commands/designate-demonstration/designate-demonstration.command.js';
export { LockBaseline } from './commands/lock-baseline/lock-baseline.command.js';
export { MeasureKpi } from './commands/measure-kpi/measure-kpi.command.js';
export { PlanMilestone } from './commands/plan-milestone/plan-milestone.command.js';
export { ProposeProject } from './commands/propose-project/propose-project.command.js';
export { RecordAcceptance } from './commands/record-acceptance/record-acceptance.command.js';
export { RecordBaseline } from './commands/record-baseline/record-baseline.command.js';
export { RejectProject } from './commands/reject-project/reject-project.command.js';
export { RequestAcceptance } from './commands/request-acceptance/request-acceptance.command.js';
export { ResumeProject } from './commands/resume-project/resume-project.command.js';
export { RevokeDemonstration } from './commands/revoke-demonstration/revoke-demonstration.command.js';
export { SignContract } from './commands/sign-contract/sign-contract.command.js';
export { StartConstruction } from './commands/start-construction/start-construction.command.js';
export { StartTrialRun } from './commands/start-trial-run/start-trial-run.command.js';
export { SuspendProject } from './commands/suspend-project/suspend-project.command.js';
export { TerminateProject } from './commands/terminate-project/terminate-project.command.js';
export { canSeeProject, type ProjectWriteResult } from './commands/project-command.js';
export { KPI_CODES, type KpiCode, KPIS } from './domain/kpis.js';
export {
  DEMONSTRATION_LEVELS,
  PROJECT_STAGES,
  PROJECT_STREAM,
  PROJECT_TYPES,
  projectDecider,
  type ProjectEvent,
  type ProjectState,
  projectStreamId,
} from './domain/project.js';
export { ProjectsModule } from './projects.module.js';
export { projectsProjection } from './projections/projects.projection.js';
export { ListProjects } from './queries/list-projects/list-projects.query.js';
export { GetProject } from './queries/get-project/get-project.query.js';
export { type ProjectDetail, type ProjectFilter, type ProjectSummary } from './queries/project-read.repository.js';
