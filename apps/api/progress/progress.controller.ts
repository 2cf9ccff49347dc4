import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { CurrentPrincipal, type Principal, Roles } from '#libs/auth';
import { GetProgress, PROGRESS_GROUPINGS, READS } from '#libs/progress';
import { ReadsFrom, ZodQuery } from '../http/read-context.js';

const progressQuery = z.strictObject({
  groupBy: z.enum(PROGRESS_GROUPINGS).default('district'),
  districtCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

@Controller('v1/progress')
@Roles('officer', 'viewer')
export class ProgressController {
  constructor(private readonly queries: QueryBus) {}

  /** Coverage, level distribution, project funnel and KPI medians per district, park or industry. */
  @Get()
  @ReadsFrom(...READS.progress)
  progress(@CurrentPrincipal() principal: Principal, @ZodQuery(progressQuery) query: z.infer<typeof progressQuery>) {
    return this.queries.execute(new GetProgress(principal, query.groupBy, query.districtCode));
  }
}
