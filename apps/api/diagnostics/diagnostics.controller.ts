import { Controller } from '@nestjs/common';
import type { z } from 'zod';
import { DiagnosticWrite } from '#libs/diagnostics';
import { IdParam, ZodParam } from '../http/params.js';
import { Write, type WriteContext } from '../http/write-context.js';
import { CreateRoute, WriteRoute, WriteSender } from '../http/write-route.js';
import { WriteBody } from '../http/zod-body.js';
import * as schemas from './diagnostic.schemas.js';

type Body<Schema extends z.ZodType> = z.infer<Schema>;

/** A diagnostic's lifecycle (DOMAIN.md section 2): each route sends one domain command. */
@Controller('v1/diagnostics')
export class DiagnosticsController {
  constructor(private readonly writes: WriteSender) {}

  @CreateRoute('', ({ id }) => `/v1/diagnostics/${id}`, 'officer')
  schedule(@WriteBody(schemas.schedule) data: Body<typeof schemas.schedule>, @Write() write: WriteContext) {
    return this.writes.send(DiagnosticWrite, write, undefined, { type: 'ScheduleDiagnostic', data });
  }

  @WriteRoute('post', ':id/assignment', 'officer')
  assign(
    @IdParam() id: string,
    @WriteBody(schemas.assignment) data: Body<typeof schemas.assignment>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(DiagnosticWrite, write, id, { type: 'AssignDiagnostic', data });
  }

  @WriteRoute('post', ':id/rescheduling', 'officer')
  reschedule(
    @IdParam() id: string,
    @WriteBody(schemas.reschedule) data: Body<typeof schemas.reschedule>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(DiagnosticWrite, write, id, { type: 'RescheduleDiagnostic', data });
  }

  @WriteRoute('post', ':id/self-assessment', 'enterprise')
  selfAssess(
    @IdParam() id: string,
    @WriteBody(schemas.selfAssessment) data: Body<typeof schemas.selfAssessment>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(DiagnosticWrite, write, id, { type: 'SubmitSelfAssessment', data });
  }

  @WriteRoute('post', ':id/survey', 'assessor')
  survey(
    @IdParam() id: string,
    @WriteBody(schemas.survey) data: Body<typeof schemas.survey>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(DiagnosticWrite, write, id, { type: 'ConductSurvey', data });
  }

  @WriteRoute('put', ':id/indicators/:code', 'assessor')
  scoreIndicator(
    @IdParam() id: string,
    @ZodParam('code', schemas.code) code: string,
    @WriteBody(schemas.indicator) data: Body<typeof schemas.indicator>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(DiagnosticWrite, write, id, { type: 'ScoreIndicator', data: { code, ...data } });
  }

  @WriteRoute('put', ':id/scenarios/:code', 'assessor')
  rateScenario(
    @IdParam() id: string,
    @ZodParam('code', schemas.code) code: string,
    @WriteBody(schemas.scenario) data: Body<typeof schemas.scenario>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(DiagnosticWrite, write, id, { type: 'RateScenario', data: { code, ...data } });
  }

  @WriteRoute('post', ':id/submission', 'assessor')
  submit(
    @IdParam() id: string,
    @WriteBody(schemas.empty) data: Body<typeof schemas.empty>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(DiagnosticWrite, write, id, { type: 'SubmitForReview', data });
  }

  @WriteRoute('post', ':id/review', 'officer')
  review(
    @IdParam() id: string,
    @WriteBody(schemas.review) data: Body<typeof schemas.review>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(DiagnosticWrite, write, id, { type: 'ReviewDiagnostic', data });
  }

  @WriteRoute('post', ':id/report', 'officer', 'assessor')
  issueReport(
    @IdParam() id: string,
    @WriteBody(schemas.empty) data: Body<typeof schemas.empty>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(DiagnosticWrite, write, id, { type: 'IssueReport', data });
  }

  @WriteRoute('post', ':id/recommendations', 'assessor')
  recommend(
    @IdParam() id: string,
    @WriteBody(schemas.recommendations) data: Body<typeof schemas.recommendations>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(DiagnosticWrite, write, id, { type: 'ProposeRecommendations', data });
  }

  @WriteRoute('put', ':id/recommendations/:recId', 'officer', 'enterprise')
  trackRecommendation(
    @IdParam() id: string,
    @ZodParam('recId', schemas.recId) recId: string,
    @WriteBody(schemas.recommendationStatus) data: Body<typeof schemas.recommendationStatus>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(DiagnosticWrite, write, id, {
      type: 'ChangeRecommendationStatus',
      data: { recId, ...data },
    });
  }

  @WriteRoute('post', ':id/closure', 'officer')
  close(
    @IdParam() id: string,
    @WriteBody(schemas.empty) data: Body<typeof schemas.empty>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(DiagnosticWrite, write, id, { type: 'CloseDiagnostic', data });
  }

  @WriteRoute('post', ':id/acknowledgement', 'enterprise')
  acknowledge(
    @IdParam() id: string,
    @WriteBody(schemas.empty) data: Body<typeof schemas.empty>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(DiagnosticWrite, write, id, { type: 'AcknowledgeReport', data });
  }

  @WriteRoute('post', ':id/dispute', 'enterprise')
  dispute(
    @IdParam() id: string,
    @WriteBody(schemas.dispute) data: Body<typeof schemas.dispute>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(DiagnosticWrite, write, id, { type: 'DisputeReport', data });
  }

  @WriteRoute('post', ':id/corrections', 'officer')
  correct(
    @IdParam() id: string,
    @WriteBody(schemas.correction) data: Body<typeof schemas.correction>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(DiagnosticWrite, write, id, { type: 'CorrectScore', data });
  }

  @WriteRoute('post', ':id/cancellation', 'officer')
  cancel(
    @IdParam() id: string,
    @WriteBody(schemas.cancellation) data: Body<typeof schemas.cancellation>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(DiagnosticWrite, write, id, { type: 'CancelDiagnostic', data });
  }

  @WriteRoute('post', ':id/withdrawal', 'officer')
  withdraw(
    @IdParam() id: string,
    @WriteBody(schemas.withdrawal) data: Body<typeof schemas.withdrawal>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(DiagnosticWrite, write, id, { type: 'WithdrawDiagnostic', data });
  }
}
