import { Controller, Get, Res } from '@nestjs/common';
import type { HttpResponse } from '../http/http-request.js';
import type { z } from 'zod';
import { type AggregateType, type HistoryEntry, ObjectHistoryService } from '#libs/audit';
import { CurrentPrincipal, type Principal, Roles } from '#libs/auth';
import type { Lang } from '#libs/labels';
import { Language } from '../http/headers.js';
import { ZodQuery } from '../http/read-context.js';
import { IdParam, ZodParam } from '../http/params.js';
import { EXPORT_LIMIT, sendExport } from './audit.controller.js';
import * as schemas from './audit.schemas.js';

type HistoryQuery = z.infer<typeof schemas.history>;

/**
 * One object's timeline, oldest first: each event with who (key, role, organisation), when (occurred and
 * recorded, backdated marked), why (reason, comment, approver), its correlation id and the field-level
 * changes it made. Read from the event stream itself, so it is complete the moment a write is acknowledged.
 */
@Controller('v1')
@Roles('officer', 'viewer', 'assessor', 'enterprise')
export class HistoryController {
  constructor(private readonly histories: ObjectHistoryService) {}

  private history(principal: Principal, type: AggregateType, aggregateId: string, query: HistoryQuery, lang: Lang) {
    return this.histories.history(principal, type, aggregateId, { limit: query.limit, cursor: query.cursor }, lang);
  }

  @Get('enterprises/:id/history')
  enterprise(
    @CurrentPrincipal() p: Principal,
    @IdParam() i: string,
    @ZodQuery(schemas.history) q: HistoryQuery,
    @Language() l: Lang,
  ) {
    return this.history(p, 'enterprises', i, q, l);
  }

  @Get('providers/:id/history')
  provider(
    @CurrentPrincipal() p: Principal,
    @IdParam() i: string,
    @ZodQuery(schemas.history) q: HistoryQuery,
    @Language() l: Lang,
  ) {
    return this.history(p, 'providers', i, q, l);
  }

  @Get('diagnostics/:id/history')
  diagnostic(
    @CurrentPrincipal() p: Principal,
    @IdParam() i: string,
    @ZodQuery(schemas.history) q: HistoryQuery,
    @Language() l: Lang,
  ) {
    return this.history(p, 'diagnostics', i, q, l);
  }

  /** One object's whole history as CSV (UTF-8 with BOM) or JSON, for supervisory inspection. */
  @Get(':type/:id/history/export')
  async export(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('type', schemas.aggregateType) type: AggregateType,
    @IdParam() aggregateId: string,
    @ZodQuery(schemas.historyExport) query: z.infer<typeof schemas.historyExport>,
    @Res({ passthrough: true }) response: HttpResponse,
    @Language() lang: Lang,
  ) {
    const entries: (Omit<HistoryEntry, 'data'> & { aggregateType: string; aggregateId: string })[] = [];
    for (let cursor: string | undefined; entries.length < EXPORT_LIMIT;) {
      const page = await this.histories.history(principal, type, aggregateId, { limit: 1000, cursor }, lang);
      entries.push(...page.items.map(({ data: _data, ...entry }) => ({ ...entry, aggregateType: type, aggregateId })));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return sendExport(response, `${type}-${aggregateId}-history`, query.format, entries);
  }

  @Get('projects/:id/history')
  project(
    @CurrentPrincipal() p: Principal,
    @IdParam() i: string,
    @ZodQuery(schemas.history) q: HistoryQuery,
    @Language() l: Lang,
  ) {
    return this.history(p, 'projects', i, q, l);
  }
}
