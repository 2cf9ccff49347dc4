import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { z } from 'zod';
import { GetObjectAsOf } from '#libs/audit';
import { CurrentPrincipal, type Principal, Roles } from '#libs/auth';
import { DIAGNOSTIC_KINDS, DIAGNOSTIC_STATUSES, GetDiagnostic, ListDiagnostics } from '#libs/diagnostics';
import { READS } from '#libs/progress';
import { booleanQuery, pageQuery, ReadsFrom, ZodQuery } from '../http/read-context.js';
import { asOfQuery, pathId } from '../http/schemas.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';

const listQuery = z.strictObject({
  enterpriseId: pathId.optional(),
  districtCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  providerId: pathId.optional(),
  status: z.enum(DIAGNOSTIC_STATUSES).optional(),
  kind: z.enum(DIAGNOSTIC_KINDS).optional(),
  campaignId: pathId.optional(),
  level: z.coerce.number().int().min(0).max(4).optional(),
  overdue: booleanQuery.optional(),
  ...pageQuery,
});

@Controller('v1/diagnostics')
@Roles('officer', 'viewer', 'assessor', 'enterprise')
export class DiagnosticQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ReadsFrom(...READS.diagnostics)
  list(@CurrentPrincipal() principal: Principal, @ZodQuery(listQuery) query: z.infer<typeof listQuery>) {
    const { limit, cursor, ...filter } = query;
    return this.queries.execute(new ListDiagnostics(principal, filter, { limit, cursor }));
  }

  /** Scores by dimension, level with its rule trace, status, corrections and disputes. */
  @Get(':id')
  @ReadsFrom(...READS.diagnostics)
  async find(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ZodValidationPipe(pathId)) id: string,
    @ZodQuery(asOfQuery) at: z.infer<typeof asOfQuery>,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (at.asOf !== undefined || at.version !== undefined) {
      const then = await this.queries.execute(new GetObjectAsOf(principal, 'diagnostics', id, at));
      response.setHeader('ETag', `"${then.version}"`);
      return then;
    }
    const diagnostic = await this.queries.execute(new GetDiagnostic(principal, id));
    response.setHeader('ETag', `"${diagnostic.version}"`);
    return diagnostic;
  }
}
