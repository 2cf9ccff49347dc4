import { Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { CLOCK, type Clock } from '#libs/clock';
import type { HttpResponse } from '../http/http-request.js';
import type { z } from 'zod';
import { coversDistrict, CurrentPrincipal, ForbiddenError, type Principal, Roles } from '#libs/auth';
import { DomainError } from '#libs/event-sourcing';
import {
  InvalidPeriodError,
  PeriodNotEndedError,
  renderCsv,
  renderHtml,
  renderPdf,
  renderXlsx,
  type ReportMeta,
  ReportRepository,
  ReportService,
  type StoredReport,
  withChanges,
} from '#libs/reporting';
import { BadRequestError } from '../http/problem.js';
import { ReadsStored, ZodQuery } from '../http/read-context.js';
import { ZodBody } from '../http/zod-body.js';
import { ZodParam } from '../http/params.js';
import * as schemas from './report.schemas.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** How long a POST waits for a report it started before answering 202. */
const SYNC_WAIT_MS = 3000;

const summary = (report: StoredReport) => ({
  id: report.id,
  kind: report.kind,
  period: report.period,
  districtCode: report.scope === 'all' ? null : report.scope,
  status: report.status,
  trigger: report.trigger,
  requestedBy: report.requestedBy,
  periodStart: report.periodStart.toISOString(),
  periodEnd: report.periodEnd.toISOString(),
  position: report.position,
  error: report.error,
  createdAt: report.createdAt.toISOString(),
  finishedAt: report.finishedAt?.toISOString() ?? null,
});

/**
 * Progress reports (weekly, monthly, quarterly) for the whole deployment (admins) or one district (its
 * officers and viewers). One report per kind, period and scope, computed from the events recorded by the end
 * of its period and pinned to the log position it read at; a restatement adds later entries that occurred
 * within the period and lists what they moved.
 */
@Controller('v1/reports')
@Roles('officer', 'viewer')
export class ReportsController {
  constructor(
    private readonly service: ReportService,
    private readonly reports: ReportRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Produces a report (201 when done within a few seconds, 202 while it runs; 200 when it existed). */
  @Post()
  @Roles('officer')
  @HttpCode(201)
  async request(
    @CurrentPrincipal() principal: Principal,
    @ZodBody(schemas.request) body: z.infer<typeof schemas.request>,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    const scope = body.districtCode ?? null;
    if (scope === null ? principal.role !== 'admin' : !coversDistrict(principal, scope)) {
      throw new ForbiddenError(
        scope === null
          ? 'Only an admin may produce a report of the whole deployment: give a districtCode'
          : `District ${scope} is outside this key's scope`,
      );
    }
    let started;
    try {
      started = await this.service.start({
        kind: body.kind,
        period: body.period,
        districtCode: scope,
        trigger: 'api',
        requestedBy: principal.keyId,
      });
    } catch (error) {
      if (error instanceof InvalidPeriodError) throw new BadRequestError('period', error.message);
      if (error instanceof PeriodNotEndedError) throw new DomainError('period_not_ended', error.message, 'invalid');
      throw error;
    }
    let report = started.report;
    if (started.build) {
      const finished = await Promise.race([
        started.build,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), SYNC_WAIT_MS).unref()),
      ]);
      if (finished) report = finished;
    }
    response.header('Location', `/v1/reports/${report.id}`);
    response.status(report.status === 'running' ? 202 : started.created ? 201 : 200);
    return { id: report.id, status: report.status };
  }

  @Get()
  @ReadsStored()
  async list(@CurrentPrincipal() principal: Principal, @ZodQuery(schemas.list) query: z.infer<typeof schemas.list>) {
    const visible = principal.role === 'admin' ? null : (principal.scope.districtCodes ?? []);
    const scopes = query.districtCode
      ? visible === null || visible.includes(query.districtCode)
        ? [query.districtCode]
        : []
      : visible;
    const page = await this.reports.list(
      { kind: query.kind, period: query.period, scopes },
      { limit: query.limit, cursor: query.cursor },
    );
    return { items: page.items.map(summary), nextCursor: page.nextCursor };
  }

  /** The report as JSON: its figures and the log position it was computed at. */
  @Get(':id')
  @ReadsStored()
  async get(@CurrentPrincipal() principal: Principal, @ZodParam('id', schemas.reportId) id: string) {
    const report = await this.visible(principal, id);
    return { ...summary(report), report: report.content };
  }

  /** The report recomputed with the entries recorded after its period that occurred within it. */
  @Get(':id/restatement')
  async restatement(@CurrentPrincipal() principal: Principal, @ZodParam('id', schemas.reportId) id: string) {
    const report = this.ready(await this.visible(principal, id));
    const restated = await this.service.restate(report);
    return {
      ...summary(report),
      variant: 'restated',
      position: restated.position,
      originalPosition: report.position,
      changes: restated.changes,
      report: restated.body,
    };
  }

  @Get(':id/download')
  @ReadsStored()
  async download(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', schemas.reportId) id: string,
    @ZodQuery(schemas.download) query: z.infer<typeof schemas.download>,
    @Res() response: HttpResponse,
  ): Promise<void> {
    const report = this.ready(await this.visible(principal, id));
    let body = report.content!;
    let position = report.position!;
    if (query.variant === 'restated') {
      const restated = await this.service.restate(report);
      body = query.format === 'json' ? restated.body : withChanges(restated.body, restated.changes);
      position = restated.position;
    }
    const meta: ReportMeta = {
      id: report.id,
      position,
      variant: query.variant,
      generatedAt: (query.variant === 'restated' ? this.clock.now() : report.finishedAt!).toISOString(),
    };
    const name = `report-${report.kind}-${report.period}-${report.scope}${query.variant === 'restated' ? '-restated' : ''}`;
    response.header('Content-Disposition', `attachment; filename="${name}.${query.format}"`);
    switch (query.format) {
      case 'json':
        response.send({ ...summary(report), ...meta, report: body });
        return;
      case 'csv':
        response.type('text/csv; charset=utf-8').send(renderCsv(body, meta));
        return;
      case 'html':
        response.type('text/html; charset=utf-8').send(renderHtml(body, meta));
        return;
      case 'pdf':
        response.type('application/pdf').send(await renderPdf(body, meta));
        return;
      case 'xlsx':
        response.type(XLSX_TYPE).send(await renderXlsx(body, meta));
        return;
    }
  }

  private async visible(principal: Principal, id: string): Promise<StoredReport> {
    const report = await this.reports.find(id);
    const allowed =
      report !== null &&
      (principal.role === 'admin' || (report.scope !== 'all' && coversDistrict(principal, report.scope)));
    if (!allowed) throw new DomainError('report_not_found', 'No report exists under this id', 'not_found');
    return report;
  }

  private ready(report: StoredReport): StoredReport {
    if (report.status !== 'done' || !report.content || !report.position) {
      throw new DomainError(
        'report_not_ready',
        `The report is ${report.status}; try again when it is done`,
        'conflict',
        {
          status: report.status,
          error: report.error,
        },
      );
    }
    return report;
  }
}
