import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { z } from 'zod';
import { AGGREGATE_TYPES, type AggregateType, GetObjectHistory, type HistoryEntry } from '#libs/audit';
import { CurrentPrincipal, type Principal, Roles } from '#libs/auth';
import { pageQuery, ZodQuery } from '../http/read-context.js';
import { pathId } from '../http/schemas.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { EXPORT_LIMIT, sendExport } from './audit.controller.js';

const id = new ZodValidationPipe(pathId);
const historyQuery = z.strictObject(pageQuery);
type HistoryQuery = z.infer<typeof historyQuery>;
const exportQuery = z.strictObject({ format: z.enum(['csv', 'json']).default('csv') });
const typeParam = new ZodValidationPipe(z.enum(AGGREGATE_TYPES));

/**
 * One object's timeline, oldest first: each event with who (key, role, organisation), when (occurred and
 * recorded, backdated marked), why (reason, comment, approver), its correlation id and the field-level
 * changes it made. Read from the event stream itself, so it is complete the moment a write is acknowledged.
 */
@Controller('v1')
@Roles('officer', 'viewer', 'assessor', 'enterprise')
export class HistoryController {
  constructor(private readonly queries: QueryBus) {}

  private history(principal: Principal, type: AggregateType, aggregateId: string, query: HistoryQuery) {
    return this.queries.execute(
      new GetObjectHistory(principal, type, aggregateId, { limit: query.limit, cursor: query.cursor }),
    );
  }

  @Get('enterprises/:id/history')
  enterprise(@CurrentPrincipal() p: Principal, @Param('id', id) i: string, @ZodQuery(historyQuery) q: HistoryQuery) {
    return this.history(p, 'enterprises', i, q);
  }

  @Get('providers/:id/history')
  provider(@CurrentPrincipal() p: Principal, @Param('id', id) i: string, @ZodQuery(historyQuery) q: HistoryQuery) {
    return this.history(p, 'providers', i, q);
  }

  @Get('diagnostics/:id/history')
  diagnostic(@CurrentPrincipal() p: Principal, @Param('id', id) i: string, @ZodQuery(historyQuery) q: HistoryQuery) {
    return this.history(p, 'diagnostics', i, q);
  }

  /** One object's whole history as CSV (UTF-8 with BOM) or JSON, for supervisory inspection. */
  @Get(':type/:id/history/export')
  async export(
    @CurrentPrincipal() principal: Principal,
    @Param('type', typeParam) type: AggregateType,
    @Param('id', id) aggregateId: string,
    @ZodQuery(exportQuery) query: z.infer<typeof exportQuery>,
    @Res({ passthrough: true }) response: Response,
  ) {
    const entries: Omit<HistoryEntry, 'data'>[] = [];
    for (let cursor: string | undefined; entries.length < EXPORT_LIMIT;) {
      const page = await this.queries.execute(
        new GetObjectHistory(principal, type, aggregateId, { limit: 1000, cursor }),
      );
      entries.push(...page.items.map(({ data: _data, ...entry }) => entry));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return sendExport(response, `${type}-${aggregateId}-history`, query.format, entries);
  }

  @Get('projects/:id/history')
  project(@CurrentPrincipal() p: Principal, @Param('id', id) i: string, @ZodQuery(historyQuery) q: HistoryQuery) {
    return this.history(p, 'projects', i, q);
  }
}
