import { Controller, Get } from '@nestjs/common';
import type { z } from 'zod';
import * as schemas from './progress.schemas.js';
import { CurrentPrincipal, type Principal, Roles } from '#libs/auth';
import { ProgressService } from '#libs/progress';
import { READS } from '#libs/read-models';
import { ReadsFrom, ZodQuery } from '../http/read-context.js';

@Controller('v1/progress')
@Roles('officer', 'viewer')
export class ProgressController {
  constructor(private readonly progressFigures: ProgressService) {}

  /** Coverage, level distribution, project funnel and KPI medians per district, park or industry. */
  @Get()
  @ReadsFrom(...READS.progress)
  progress(
    @CurrentPrincipal() principal: Principal,
    @ZodQuery(schemas.progress) query: z.infer<typeof schemas.progress>,
  ) {
    return this.progressFigures.progress(principal, query.groupBy, query.districtCode);
  }
}
