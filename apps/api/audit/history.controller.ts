import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { type AggregateType, GetObjectHistory } from '#libs/audit';
import { CurrentPrincipal, type Principal, Roles } from '#libs/auth';
import { pageQuery, ZodQuery } from '../http/read-context.js';
import { pathId } from '../http/schemas.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';

const id = new ZodValidationPipe(pathId);
const historyQuery = z.strictObject(pageQuery);
type HistoryQuery = z.infer<typeof historyQuery>;

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

  @Get('projects/:id/history')
  project(@CurrentPrincipal() p: Principal, @Param('id', id) i: string, @ZodQuery(historyQuery) q: HistoryQuery) {
    return this.history(p, 'projects', i, q);
  }
}
