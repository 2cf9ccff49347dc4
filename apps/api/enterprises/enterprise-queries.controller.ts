import { Controller, Get } from '@nestjs/common';
import type { z } from 'zod';
import { ObjectHistoryService } from '#libs/audit';
import { CurrentPrincipal, type Principal, Roles } from '#libs/auth';
import { EnterpriseReadRepository } from '#libs/enterprises';
import { READS } from '#libs/read-models';
import { readScope } from '#libs/queries';
import { IdParam } from '../http/params.js';
import { ReadsFrom, Versioned, ZodQuery } from '../http/read-context.js';
import { type AsOf, asOfQuery } from '../http/schemas.js';
import * as schemas from './enterprise.schemas.js';

@Controller('v1/enterprises')
@Roles('officer', 'viewer', 'assessor', 'enterprise')
export class EnterpriseQueriesController {
  constructor(
    private readonly enterprises: EnterpriseReadRepository,
    private readonly histories: ObjectHistoryService,
  ) {}

  @Get()
  @ReadsFrom(...READS.enterprises)
  list(@CurrentPrincipal() principal: Principal, @ZodQuery(schemas.list) query: z.infer<typeof schemas.list>) {
    const { limit, cursor, ...filter } = query;
    return this.enterprises.list(readScope(principal), filter, { limit, cursor });
  }

  /** The enterprise's progress: profile, latest issued diagnostic and level, projects by stage, KPI changes. */
  @Get(':id')
  @ReadsFrom(...READS.enterprises)
  @Versioned()
  progress(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @ZodQuery(asOfQuery) at: AsOf) {
    return this.histories.nowOrAsOf(principal, 'enterprises', id, at, () =>
      this.enterprises.progress(readScope(principal), id),
    );
  }
}
