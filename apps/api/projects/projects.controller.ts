import { Controller } from '@nestjs/common';
import type { z } from 'zod';
import type { WriteResult } from '#libs/commands';
import { type ProjectState, ProjectWrite } from '#libs/projects';
import { IdParam, ZodParam } from '../http/params.js';
import { Write, type WriteContext } from '../http/write-context.js';
import { AnswerAlso, CreateRoute, WriteRoute, WriteSender } from '../http/write-route.js';
import { WriteBody } from '../http/zod-body.js';
import * as schemas from './project.schemas.js';

type Body<Schema extends z.ZodType> = z.infer<Schema>;

/** The milestone a plan created (on an idempotent replay: the project's latest). */
const plannedMilestone = (result: WriteResult<ProjectState>): string | undefined => {
  const planned = result.appended.find((event) => event.type === 'MilestonePlanned')?.data as
    { id: string } | undefined;
  return planned?.id ?? (result.state.stage === 'none' ? undefined : result.state.milestones.at(-1)?.id);
};

/** Retrofit projects: smart workshops, smart factories (数字化车间, 智能工厂). */
@Controller('v1/projects')
export class ProjectsController {
  constructor(private readonly writes: WriteSender) {}

  @CreateRoute('', ({ id }) => `/v1/projects/${id}`, 'enterprise', 'officer')
  propose(@WriteBody(schemas.propose) data: Body<typeof schemas.propose>, @Write() write: WriteContext) {
    return this.writes.send(ProjectWrite, write, undefined, { type: 'ProposeProject', data });
  }

  @WriteRoute('post', ':id/approval', 'officer')
  approve(
    @IdParam() id: string,
    @WriteBody(schemas.approval) data: Body<typeof schemas.approval>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProjectWrite, write, id, { type: 'ApproveProject', data });
  }

  @WriteRoute('post', ':id/rejection', 'officer')
  reject(
    @IdParam() id: string,
    @WriteBody(schemas.rejection) data: Body<typeof schemas.rejection>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProjectWrite, write, id, { type: 'RejectProject', data });
  }

  @WriteRoute('post', ':id/contract', 'officer')
  contract(
    @IdParam() id: string,
    @WriteBody(schemas.contract) data: Body<typeof schemas.contract>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProjectWrite, write, id, { type: 'SignContract', data });
  }

  @WriteRoute('put', ':id/baselines/:kpiCode', 'enterprise', 'officer')
  recordBaseline(
    @IdParam() id: string,
    @ZodParam('kpiCode', schemas.kpiCode) kpiCode: Body<typeof schemas.kpiCode>,
    @WriteBody(schemas.baseline) data: Body<typeof schemas.baseline>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProjectWrite, write, id, { type: 'RecordBaseline', data: { ...data, kpiCode } });
  }

  @WriteRoute('post', ':id/baseline-lock', 'officer')
  lockBaseline(
    @IdParam() id: string,
    @WriteBody(schemas.empty) data: Body<typeof schemas.empty>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProjectWrite, write, id, { type: 'LockBaseline', data });
  }

  @CreateRoute<ProjectState>(
    ':id/milestones',
    (result) => `/v1/projects/${result.id}/milestones/${plannedMilestone(result)}`,
    'enterprise',
    'officer',
  )
  @AnswerAlso((result: WriteResult<ProjectState>) => ({ milestoneId: plannedMilestone(result) }))
  planMilestone(
    @IdParam() id: string,
    @WriteBody(schemas.milestone) data: Body<typeof schemas.milestone>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProjectWrite, write, id, { type: 'PlanMilestone', data });
  }

  @WriteRoute('post', ':id/milestones/:mid/completion', 'enterprise', 'officer')
  completeMilestone(
    @IdParam() id: string,
    @ZodParam('mid', schemas.milestoneId) milestoneId: string,
    @WriteBody(schemas.dated) data: Body<typeof schemas.dated>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProjectWrite, write, id, { type: 'CompleteMilestone', data: { milestoneId, ...data } });
  }

  @WriteRoute('post', ':id/construction-start', 'officer')
  startConstruction(
    @IdParam() id: string,
    @WriteBody(schemas.dated) data: Body<typeof schemas.dated>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProjectWrite, write, id, { type: 'StartConstruction', data });
  }

  @WriteRoute('post', ':id/trial-run-start', 'officer')
  startTrialRun(
    @IdParam() id: string,
    @WriteBody(schemas.dated) data: Body<typeof schemas.dated>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProjectWrite, write, id, { type: 'StartTrialRun', data });
  }

  @WriteRoute('post', ':id/kpi-measurements', 'enterprise', 'officer')
  measureKpi(
    @IdParam() id: string,
    @WriteBody(schemas.measurement) data: Body<typeof schemas.measurement>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProjectWrite, write, id, { type: 'MeasureKpi', data });
  }

  @WriteRoute('post', ':id/acceptance-request', 'enterprise', 'officer')
  requestAcceptance(
    @IdParam() id: string,
    @WriteBody(schemas.empty) data: Body<typeof schemas.empty>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProjectWrite, write, id, { type: 'RequestAcceptance', data });
  }

  @WriteRoute('post', ':id/acceptance', 'officer')
  recordAcceptance(
    @IdParam() id: string,
    @WriteBody(schemas.acceptance) data: Body<typeof schemas.acceptance>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProjectWrite, write, id, { type: 'RecordAcceptance', data });
  }

  @WriteRoute('post', ':id/baseline-corrections', 'officer')
  correctBaseline(
    @IdParam() id: string,
    @WriteBody(schemas.baselineCorrection) data: Body<typeof schemas.baselineCorrection>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProjectWrite, write, id, { type: 'CorrectBaseline', data });
  }

  @WriteRoute('post', ':id/subsidy-disbursements', 'officer')
  disburseSubsidy(
    @IdParam() id: string,
    @WriteBody(schemas.subsidy) data: Body<typeof schemas.subsidy>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProjectWrite, write, id, { type: 'DisburseSubsidy', data });
  }

  @WriteRoute('post', ':id/demonstration', 'officer')
  designate(
    @IdParam() id: string,
    @WriteBody(schemas.demonstration) data: Body<typeof schemas.demonstration>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProjectWrite, write, id, { type: 'DesignateDemonstration', data });
  }

  @WriteRoute('post', ':id/demonstration-revocation', 'officer')
  revoke(
    @IdParam() id: string,
    @WriteBody(schemas.reason) data: Body<typeof schemas.reason>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProjectWrite, write, id, { type: 'RevokeDemonstration', data });
  }

  @WriteRoute('post', ':id/suspension', 'officer')
  suspend(
    @IdParam() id: string,
    @WriteBody(schemas.reason) data: Body<typeof schemas.reason>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProjectWrite, write, id, { type: 'SuspendProject', data });
  }

  @WriteRoute('post', ':id/resumption', 'officer')
  resume(
    @IdParam() id: string,
    @WriteBody(schemas.reason) data: Body<typeof schemas.reason>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProjectWrite, write, id, { type: 'ResumeProject', data });
  }

  @WriteRoute('post', ':id/termination', 'officer')
  terminate(
    @IdParam() id: string,
    @WriteBody(schemas.reason) data: Body<typeof schemas.reason>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProjectWrite, write, id, { type: 'TerminateProject', data });
  }
}
