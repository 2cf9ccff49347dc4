import { type DynamicModule, Module } from '@nestjs/common';
import { ApproveProjectHandler } from './commands/approve-project/approve-project.handler.js';
import { CorrectBaselineHandler } from './commands/correct-baseline/correct-baseline.handler.js';
import { DisburseSubsidyHandler } from './commands/disburse-subsidy/disburse-subsidy.handler.js';
import { CompleteMilestoneHandler } from './commands/complete-milestone/complete-milestone.handler.js';
import { DesignateDemonstrationHandler } from './commands/designate-demonstration/designate-demonstration.handler.js';
import { LockBaselineHandler } from './commands/lock-baseline/lock-baseline.handler.js';
import { MeasureKpiHandler } from './commands/measure-kpi/measure-kpi.handler.js';
import { PlanMilestoneHandler } from './commands/plan-milestone/plan-milestone.handler.js';
import { ProposeProjectHandler } from './commands/propose-project/propose-project.handler.js';
import { RecordAcceptanceHandler } from './commands/record-acceptance/record-acceptance.handler.js';
import { RecordBaselineHandler } from './commands/record-baseline/record-baseline.handler.js';
import { RejectProjectHandler } from './commands/reject-project/reject-project.handler.js';
import { RequestAcceptanceHandler } from './commands/request-acceptance/request-acceptance.handler.js';
import { ResumeProjectHandler } from './commands/resume-project/resume-project.handler.js';
import { RevokeDemonstrationHandler } from './commands/revoke-demonstration/revoke-demonstration.handler.js';
import { SignContractHandler } from './commands/sign-contract/sign-contract.handler.js';
import { StartConstructionHandler } from './commands/start-construction/start-construction.handler.js';
import { StartTrialRunHandler } from './commands/start-trial-run/start-trial-run.handler.js';
import { SuspendProjectHandler } from './commands/suspend-project/suspend-project.handler.js';
import { TerminateProjectHandler } from './commands/terminate-project/terminate-project.handler.js';
import { PROJECT_SETTINGS, type ProjectSettings } from './commands/project-command.js';
import { ListProjectsHandler } from './queries/list-projects/list-projects.handler.js';
import { GetProjectHandler } from './queries/get-project/get-project.handler.js';
import { ProjectReadRepository } from './queries/project-read.repository.js';

@Module({})
export class ProjectsModule {
  static forRoot(settings: ProjectSettings): DynamicModule {
    return {
      module: ProjectsModule,
      providers: [
        ProjectReadRepository,
        ListProjectsHandler,
        GetProjectHandler,
        { provide: PROJECT_SETTINGS, useValue: settings },
        ApproveProjectHandler,
        CompleteMilestoneHandler,
        CorrectBaselineHandler,
        DisburseSubsidyHandler,
        DesignateDemonstrationHandler,
        LockBaselineHandler,
        MeasureKpiHandler,
        PlanMilestoneHandler,
        ProposeProjectHandler,
        RecordAcceptanceHandler,
        RecordBaselineHandler,
        RejectProjectHandler,
        RequestAcceptanceHandler,
        ResumeProjectHandler,
        RevokeDemonstrationHandler,
        SignContractHandler,
        StartConstructionHandler,
        StartTrialRunHandler,
        SuspendProjectHandler,
        TerminateProjectHandler,
      ],
    };
  }
}
