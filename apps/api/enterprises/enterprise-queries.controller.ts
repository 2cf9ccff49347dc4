import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { z } from 'zod';
import { GetObjectAsOf } from '#libs/audit';
import { CurrentPrincipal, type Principal, Roles } from '#libs/auth';
import { GetEnterpriseProgress, ListEnterprises } from '#libs/enterprises';
import { READS } from '#libs/progress';
import { booleanQuery, pageQuery, ReadsFrom, ZodQuery } from '../http/read-context.js';
import { asOfQuery, pathId } from '../http/schemas.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';

const listQuery = z.strictObject({
  districtCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  parkId: z.string().min(1).max(64).optional(),
  industryCode: z
    .string()
    .regex(/^([A-T])?\d{0,4}$/)
    .min(1)
    .optional(),
  aboveDesignatedSize: booleanQuery.optional(),
  level: z.coerce.number().int().min(0).max(4).optional(),
  status: z.enum(['active', 'closed']).optional(),
  /** The id or USCC exactly, or a part of the name. */
  q: z.string().trim().min(1).max(100).optional(),
  ...pageQuery,
});

@Controller('v1/enterprises')
@Roles('officer', 'viewer', 'assessor', 'enterprise')
export class EnterpriseQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ReadsFrom(...READS.enterprises)
  list(@CurrentPrincipal() principal: Principal, @ZodQuery(listQuery) query: z.infer<typeof listQuery>) {
    const { limit, cursor, ...filter } = query;
    return this.queries.execute(new ListEnterprises(principal, filter, { limit, cursor }));
  }

  /** The enterprise's progress: profile, latest issued diagnostic and level, projects by stage, KPI changes. */
  @Get(':id')
  @ReadsFrom(...READS.enterprises)
  async progress(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ZodValidationPipe(pathId)) id: string,
    @ZodQuery(asOfQuery) at: z.infer<typeof asOfQuery>,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (at.asOf !== undefined || at.version !== undefined) {
      const then = await this.queries.execute(new GetObjectAsOf(principal, 'enterprises', id, at));
      response.setHeader('ETag', `"${then.version}"`);
      return then;
    }
    const progress = await this.queries.execute(new GetEnterpriseProgress(principal, id));
    response.setHeader('ETag', `"${progress.version}"`);
    return progress;
  }
}
