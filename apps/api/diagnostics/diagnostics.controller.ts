import { randomUUID } from 'node:crypto';
import { Controller, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { z } from 'zod';
import { Roles } from '#libs/auth';
import {
  AcknowledgeReport,
  ChangeRecommendationStatus,
  CloseDiagnostic,
  SubmitSelfAssessment,
  AssignDiagnostic,
  CancelDiagnostic,
  ConductSurvey,
  CorrectScore,
  DisputeReport,
  IssueReport,
  ProposeRecommendations,
  RateScenario,
  RescheduleDiagnostic,
  ReviewDiagnostic,
  ScheduleDiagnostic,
  ScoreIndicator,
  SubmitDiagnostic,
  WithdrawDiagnostic,
} from '#libs/diagnostics';
import { pathId, withoutOccurredAt } from '../http/schemas.js';
import { Write, type WriteContext, writeResponse } from '../http/write-context.js';
import { ZodBody } from '../http/zod-body.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import * as schemas from './diagnostic.schemas.js';

const id = new ZodValidationPipe(pathId);
const code = new ZodValidationPipe(schemas.codeSchema);
const body = (schema: z.ZodType) => ZodBody(schema);
type Input<S extends z.ZodType> = z.infer<S>;

@Controller('v1/diagnostics')
export class DiagnosticsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('officer')
  async schedule(
    @body(schemas.scheduleSchema) data: Input<typeof schemas.scheduleSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new ScheduleDiagnostic(write.principal, randomUUID(), withoutOccurredAt(data), write.options),
    );
    // On an idempotent replay the id is the first request's, read back from its stream.
    const diagnosticId = result.streamId.replace(/^diagnostic-/, '');
    return writeResponse(response, diagnosticId, result, `/v1/diagnostics/${diagnosticId}`);
  }

  @Post(':id/assignment')
  @HttpCode(200)
  @Roles('officer')
  async assign(
    @Param('id', id) diagnosticId: string,
    @body(schemas.assignmentSchema) data: Input<typeof schemas.assignmentSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new AssignDiagnostic(write.principal, diagnosticId, withoutOccurredAt(data), write.options),
    );
    return writeResponse(response, diagnosticId, result);
  }

  @Post(':id/rescheduling')
  @HttpCode(200)
  @Roles('officer')
  async reschedule(
    @Param('id', id) diagnosticId: string,
    @body(schemas.rescheduleSchema) data: Input<typeof schemas.rescheduleSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new RescheduleDiagnostic(write.principal, diagnosticId, withoutOccurredAt(data), write.options),
    );
    return writeResponse(response, diagnosticId, result);
  }

  @Post(':id/self-assessment')
  @HttpCode(200)
  @Roles('enterprise')
  async selfAssess(
    @Param('id', id) diagnosticId: string,
    @body(schemas.selfAssessmentSchema) data: Input<typeof schemas.selfAssessmentSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new SubmitSelfAssessment(write.principal, diagnosticId, withoutOccurredAt(data), write.options),
    );
    return writeResponse(response, diagnosticId, result);
  }

  @Post(':id/survey')
  @HttpCode(200)
  @Roles('assessor')
  async survey(
    @Param('id', id) diagnosticId: string,
    @body(schemas.surveySchema) data: Input<typeof schemas.surveySchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new ConductSurvey(write.principal, diagnosticId, withoutOccurredAt(data), write.options),
    );
    return writeResponse(response, diagnosticId, result);
  }

  @Put(':id/indicators/:code')
  @Roles('assessor')
  async scoreIndicator(
    @Param('id', id) diagnosticId: string,
    @Param('code', code) indicatorCode: string,
    @body(schemas.indicatorSchema) data: Input<typeof schemas.indicatorSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new ScoreIndicator(
        write.principal,
        diagnosticId,
        { code: indicatorCode, points: data.points, evidence: data.evidence },
        write.options,
      ),
    );
    return writeResponse(response, diagnosticId, result);
  }

  @Put(':id/scenarios/:code')
  @Roles('assessor')
  async rateScenario(
    @Param('id', id) diagnosticId: string,
    @Param('code', code) scenarioCode: string,
    @body(schemas.scenarioSchema) data: Input<typeof schemas.scenarioSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new RateScenario(
        write.principal,
        diagnosticId,
        { code: scenarioCode, level: data.level, evidence: data.evidence },
        write.options,
      ),
    );
    return writeResponse(response, diagnosticId, result);
  }

  @Post(':id/submission')
  @HttpCode(200)
  @Roles('assessor')
  async submit(
    @Param('id', id) diagnosticId: string,
    @body(schemas.emptySchema) _: Input<typeof schemas.emptySchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(new SubmitDiagnostic(write.principal, diagnosticId, {}, write.options));
    return writeResponse(response, diagnosticId, result);
  }

  @Post(':id/review')
  @HttpCode(200)
  @Roles('officer')
  async review(
    @Param('id', id) diagnosticId: string,
    @body(schemas.reviewSchema) data: Input<typeof schemas.reviewSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new ReviewDiagnostic(write.principal, diagnosticId, withoutOccurredAt(data), write.options),
    );
    return writeResponse(response, diagnosticId, result);
  }

  @Post(':id/report')
  @HttpCode(200)
  @Roles('officer', 'assessor')
  async issueReport(
    @Param('id', id) diagnosticId: string,
    @body(schemas.emptySchema) _: Input<typeof schemas.emptySchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(new IssueReport(write.principal, diagnosticId, {}, write.options));
    return writeResponse(response, diagnosticId, result);
  }

  @Post(':id/recommendations')
  @HttpCode(200)
  @Roles('assessor')
  async recommend(
    @Param('id', id) diagnosticId: string,
    @body(schemas.recommendationsSchema) data: Input<typeof schemas.recommendationsSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new ProposeRecommendations(write.principal, diagnosticId, withoutOccurredAt(data), write.options),
    );
    return writeResponse(response, diagnosticId, result);
  }

  @Put(':id/recommendations/:recId')
  @Roles('officer', 'enterprise')
  async trackRecommendation(
    @Param('id', id) diagnosticId: string,
    @Param('recId', new ZodValidationPipe(z.string().regex(/^R\d{1,4}$/))) recId: string,
    @body(schemas.recommendationStatusSchema) data: Input<typeof schemas.recommendationStatusSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new ChangeRecommendationStatus(
        write.principal,
        diagnosticId,
        { recId, ...withoutOccurredAt(data) },
        write.options,
      ),
    );
    return writeResponse(response, diagnosticId, result);
  }

  @Post(':id/closure')
  @HttpCode(200)
  @Roles('officer')
  async close(
    @Param('id', id) diagnosticId: string,
    @body(schemas.emptySchema) _: Input<typeof schemas.emptySchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(new CloseDiagnostic(write.principal, diagnosticId, {}, write.options));
    return writeResponse(response, diagnosticId, result);
  }

  @Post(':id/acknowledgement')
  @HttpCode(200)
  @Roles('enterprise')
  async acknowledge(
    @Param('id', id) diagnosticId: string,
    @body(schemas.emptySchema) _: Input<typeof schemas.emptySchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(new AcknowledgeReport(write.principal, diagnosticId, {}, write.options));
    return writeResponse(response, diagnosticId, result);
  }

  @Post(':id/dispute')
  @HttpCode(200)
  @Roles('enterprise')
  async dispute(
    @Param('id', id) diagnosticId: string,
    @body(schemas.disputeSchema) data: Input<typeof schemas.disputeSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new DisputeReport(write.principal, diagnosticId, withoutOccurredAt(data), write.options),
    );
    return writeResponse(response, diagnosticId, result);
  }

  @Post(':id/corrections')
  @HttpCode(200)
  @Roles('officer')
  async correct(
    @Param('id', id) diagnosticId: string,
    @body(schemas.correctionSchema) data: Input<typeof schemas.correctionSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new CorrectScore(write.principal, diagnosticId, withoutOccurredAt(data), write.options),
    );
    return writeResponse(response, diagnosticId, result);
  }

  @Post(':id/cancellation')
  @HttpCode(200)
  @Roles('officer')
  async cancel(
    @Param('id', id) diagnosticId: string,
    @body(schemas.cancellationSchema) data: Input<typeof schemas.cancellationSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new CancelDiagnostic(write.principal, diagnosticId, withoutOccurredAt(data), write.options),
    );
    return writeResponse(response, diagnosticId, result);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles('officer')
  async withdraw(
    @Param('id', id) diagnosticId: string,
    @body(schemas.withdrawalSchema) data: Input<typeof schemas.withdrawalSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new WithdrawDiagnostic(write.principal, diagnosticId, withoutOccurredAt(data), write.options),
    );
    return writeResponse(response, diagnosticId, result);
  }
}
