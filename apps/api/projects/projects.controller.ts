import { randomUUID } from 'node:crypto';
import { Controller, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { z } from 'zod';
import { Roles } from '#libs/auth';
import {
  ApproveProject,
  CompleteMilestone,
  CorrectBaseline,
  DisburseSubsidy,
  DEMONSTRATION_LEVELS,
  DesignateDemonstration,
  KPI_CODES,
  LockBaseline,
  MeasureKpi,
  PlanMilestone,
  PROJECT_TYPES,
  ProposeProject,
  RecordAcceptance,
  RecordBaseline,
  RejectProject,
  RequestAcceptance,
  ResumeProject,
  RevokeDemonstration,
  SignContract,
  StartConstruction,
  StartTrialRun,
  SuspendProject,
  TerminateProject,
} from '#libs/projects';
import { isoDate, occurredAt, pathId, text, withoutOccurredAt } from '../http/schemas.js';
import { Write, type WriteContext, writeResponse } from '../http/write-context.js';
import { ZodBody } from '../http/zod-body.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';

const money = z.number().nonnegative().finite();
const reason = z.strictObject({ reason: text(500), occurredAt });
const empty = z.strictObject({ occurredAt }).default({});
const dated = z.strictObject({ date: isoDate, occurredAt });
const period = { periodStart: isoDate, periodEnd: isoDate };
const schemas = {
  propose: z.strictObject({
    enterpriseId: text(64),
    type: z.enum(PROJECT_TYPES),
    name: text(200),
    scenarios: z
      .array(z.string().regex(/^S\d{2}$/))
      .max(16)
      .default([]),
    plannedBudget: money,
    sourceRecIds: z.array(text(64)).max(50).optional(),
    occurredAt,
  }),
  approval: z.strictObject({
    approvalNo: text(100),
    approvedBudget: money,
    subsidyRate: z.number().min(0).max(1).optional(),
    subsidyCap: money.optional(),
    occurredAt,
  }),
  baselineCorrection: z.strictObject({
    kpiCode: z.enum(KPI_CODES),
    value: z.number().finite(),
    reason: text(1000),
    approvedBy: text(64),
    occurredAt,
  }),
  subsidy: z.strictObject({ amount: z.number().positive().finite(), occurredAt }),
  rejection: z.strictObject({ reason: text(500).default('未予立项'), occurredAt }).default({ reason: '未予立项' }),
  contract: z.strictObject({ providerId: text(64), value: money, occurredAt }),
  baseline: z.strictObject({ value: z.number().finite(), unit: text(40), ...period, method: text(200), occurredAt }),
  milestone: z.strictObject({ name: text(200), due: isoDate, mandatory: z.boolean().default(false), occurredAt }),
  measurement: z.strictObject({
    kpiCode: z.enum(KPI_CODES),
    value: z.number().finite(),
    unit: text(40),
    ...period,
    occurredAt,
  }),
  acceptance: z.strictObject({
    result: z.enum(['accepted', 'failed']),
    date: isoDate,
    evaluatorOrgId: text(64),
    findings: text(4000),
    postDiagnosticId: text(64).optional(),
    occurredAt,
  }),
  demonstration: z.strictObject({
    programme: text(200),
    level: z.enum(DEMONSTRATION_LEVELS),
    year: z.number().int().min(2000).max(2100),
    occurredAt,
  }),
};
type Input<K extends keyof typeof schemas> = z.infer<(typeof schemas)[K]>;
const body = (key: keyof typeof schemas) => ZodBody(schemas[key]);
const id = new ZodValidationPipe(pathId);

/** Retrofit projects: smart workshops, smart factories (数字化车间, 智能工厂). */
@Controller('v1/projects')
export class ProjectsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('enterprise', 'officer')
  async propose(
    @body('propose') data: Input<'propose'>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new ProposeProject(write.principal, randomUUID(), withoutOccurredAt(data), write.options),
    );
    const projectId = result.streamId.replace(/^project-/, '');
    return writeResponse(response, projectId, result, `/v1/projects/${projectId}`);
  }

  @Post(':id/approval')
  @HttpCode(200)
  @Roles('officer')
  async approve(
    @Param('id', id) projectId: string,
    @body('approval') data: Input<'approval'>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return writeResponse(
      response,
      projectId,
      await this.commands.execute(
        new ApproveProject(write.principal, projectId, withoutOccurredAt(data), write.options),
      ),
    );
  }

  @Post(':id/rejection')
  @HttpCode(200)
  @Roles('officer')
  async reject(
    @Param('id', id) projectId: string,
    @body('rejection') data: Input<'rejection'>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return writeResponse(
      response,
      projectId,
      await this.commands.execute(
        new RejectProject(write.principal, projectId, withoutOccurredAt(data), write.options),
      ),
    );
  }

  @Post(':id/contract')
  @HttpCode(200)
  @Roles('officer')
  async contract(
    @Param('id', id) projectId: string,
    @body('contract') data: Input<'contract'>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return writeResponse(
      response,
      projectId,
      await this.commands.execute(new SignContract(write.principal, projectId, withoutOccurredAt(data), write.options)),
    );
  }

  @Put(':id/baselines/:kpiCode')
  @Roles('enterprise', 'officer')
  async baseline(
    @Param('id', id) projectId: string,
    @Param('kpiCode', new ZodValidationPipe(z.enum(KPI_CODES))) kpiCode: (typeof KPI_CODES)[number],
    @body('baseline') data: Input<'baseline'>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return writeResponse(
      response,
      projectId,
      await this.commands.execute(
        new RecordBaseline(write.principal, projectId, { ...withoutOccurredAt(data), kpiCode }, write.options),
      ),
    );
  }

  @Post(':id/baseline-lock')
  @HttpCode(200)
  @Roles('officer')
  async lockBaseline(
    @Param('id', id) projectId: string,
    @ZodBody(empty) _: unknown,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return writeResponse(
      response,
      projectId,
      await this.commands.execute(new LockBaseline(write.principal, projectId, {}, write.options)),
    );
  }

  @Post(':id/milestones')
  @Roles('enterprise', 'officer')
  async planMilestone(
    @Param('id', id) projectId: string,
    @body('milestone') data: Input<'milestone'>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new PlanMilestone(write.principal, projectId, withoutOccurredAt(data), write.options),
    );
    const planned = result.appended.find((e) => e.type === 'MilestonePlanned')?.data as { id: string } | undefined;
    const milestoneId = planned?.id ?? (result.state.stage === 'none' ? undefined : result.state.milestones.at(-1)?.id);
    return {
      ...writeResponse(response, projectId, result, `/v1/projects/${projectId}/milestones/${milestoneId}`),
      milestoneId,
    };
  }

  @Post(':id/milestones/:mid/completion')
  @HttpCode(200)
  @Roles('enterprise', 'officer')
  async completeMilestone(
    @Param('id', id) projectId: string,
    @Param('mid', new ZodValidationPipe(z.string().regex(/^M\d{1,4}$/))) milestoneId: string,
    @ZodBody(dated) data: z.infer<typeof dated>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return writeResponse(
      response,
      projectId,
      await this.commands.execute(
        new CompleteMilestone(write.principal, projectId, { milestoneId, date: data.date }, write.options),
      ),
    );
  }

  @Post(':id/construction-start')
  @HttpCode(200)
  @Roles('officer')
  async startConstruction(
    @Param('id', id) projectId: string,
    @ZodBody(dated) data: z.infer<typeof dated>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return writeResponse(
      response,
      projectId,
      await this.commands.execute(
        new StartConstruction(write.principal, projectId, { date: data.date }, write.options),
      ),
    );
  }

  @Post(':id/trial-run-start')
  @HttpCode(200)
  @Roles('officer')
  async startTrialRun(
    @Param('id', id) projectId: string,
    @ZodBody(dated) data: z.infer<typeof dated>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return writeResponse(
      response,
      projectId,
      await this.commands.execute(new StartTrialRun(write.principal, projectId, { date: data.date }, write.options)),
    );
  }

  @Post(':id/kpi-measurements')
  @HttpCode(200)
  @Roles('enterprise', 'officer')
  async measure(
    @Param('id', id) projectId: string,
    @body('measurement') data: Input<'measurement'>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return writeResponse(
      response,
      projectId,
      await this.commands.execute(new MeasureKpi(write.principal, projectId, withoutOccurredAt(data), write.options)),
    );
  }

  @Post(':id/acceptance-request')
  @HttpCode(200)
  @Roles('enterprise', 'officer')
  async requestAcceptance(
    @Param('id', id) projectId: string,
    @ZodBody(empty) _: unknown,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return writeResponse(
      response,
      projectId,
      await this.commands.execute(new RequestAcceptance(write.principal, projectId, {}, write.options)),
    );
  }

  @Post(':id/acceptance')
  @HttpCode(200)
  @Roles('officer')
  async acceptance(
    @Param('id', id) projectId: string,
    @body('acceptance') data: Input<'acceptance'>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return writeResponse(
      response,
      projectId,
      await this.commands.execute(
        new RecordAcceptance(write.principal, projectId, withoutOccurredAt(data), write.options),
      ),
    );
  }

  @Post(':id/baseline-corrections')
  @HttpCode(200)
  @Roles('officer')
  async correctBaseline(
    @Param('id', id) projectId: string,
    @body('baselineCorrection') data: Input<'baselineCorrection'>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return writeResponse(
      response,
      projectId,
      await this.commands.execute(
        new CorrectBaseline(write.principal, projectId, withoutOccurredAt(data), write.options),
      ),
    );
  }

  @Post(':id/subsidy-disbursements')
  @HttpCode(200)
  @Roles('officer')
  async disburse(
    @Param('id', id) projectId: string,
    @body('subsidy') data: Input<'subsidy'>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return writeResponse(
      response,
      projectId,
      await this.commands.execute(
        new DisburseSubsidy(write.principal, projectId, withoutOccurredAt(data), write.options),
      ),
    );
  }

  @Post(':id/demonstration')
  @HttpCode(200)
  @Roles('officer')
  async designate(
    @Param('id', id) projectId: string,
    @body('demonstration') data: Input<'demonstration'>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return writeResponse(
      response,
      projectId,
      await this.commands.execute(
        new DesignateDemonstration(write.principal, projectId, withoutOccurredAt(data), write.options),
      ),
    );
  }

  @Post(':id/demonstration-revocation')
  @HttpCode(200)
  @Roles('officer')
  async revoke(
    @Param('id', id) projectId: string,
    @ZodBody(reason) data: z.infer<typeof reason>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return writeResponse(
      response,
      projectId,
      await this.commands.execute(
        new RevokeDemonstration(write.principal, projectId, { reason: data.reason }, write.options),
      ),
    );
  }

  @Post(':id/suspension')
  @HttpCode(200)
  @Roles('officer')
  async suspend(
    @Param('id', id) projectId: string,
    @ZodBody(reason) data: z.infer<typeof reason>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return writeResponse(
      response,
      projectId,
      await this.commands.execute(
        new SuspendProject(write.principal, projectId, { reason: data.reason }, write.options),
      ),
    );
  }

  @Post(':id/resumption')
  @HttpCode(200)
  @Roles('officer')
  async resume(
    @Param('id', id) projectId: string,
    @ZodBody(reason) data: z.infer<typeof reason>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return writeResponse(
      response,
      projectId,
      await this.commands.execute(
        new ResumeProject(write.principal, projectId, { reason: data.reason }, write.options),
      ),
    );
  }

  @Post(':id/termination')
  @HttpCode(200)
  @Roles('officer')
  async terminate(
    @Param('id', id) projectId: string,
    @ZodBody(reason) data: z.infer<typeof reason>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return writeResponse(
      response,
      projectId,
      await this.commands.execute(
        new TerminateProject(write.principal, projectId, { reason: data.reason }, write.options),
      ),
    );
  }
}
