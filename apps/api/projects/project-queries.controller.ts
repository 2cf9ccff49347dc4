import { Controller, Get } from '@nestjs/common';
import type { z } from 'zod';
import { ObjectHistoryService } from '#libs/audit';
import { CurrentPrincipal, type Principal, Roles } from '#libs/auth';
import { READS } from '#libs/read-models';
import { ProjectReadRepository } from '#libs/projects';
import { readScope } from '#libs/queries';
import { IdParam } from '../http/params.js';
import { ReadsFrom, Versioned, ZodQuery } from '../http/read-context.js';
import { type AsOf, asOfQuery } from '../http/schemas.js';
import * as schemas from './project.schemas.js';

@Controller('v1/projects')
@Roles('officer', 'viewer', 'assessor', 'enterprise')
export class ProjectQueriesController {
  constructor(
    private readonly projects: ProjectReadRepository,
    private readonly histories: ObjectHistoryService,
  ) {}

  @Get()
  @ReadsFrom(...READS.projects)
  list(@CurrentPrincipal() principal: Principal, @ZodQuery(schemas.list) query: z.infer<typeof schemas.list>) {
    const { limit, cursor, ...filter } = query;
    return this.projects.list(readScope(principal), filter, { limit, cursor });
  }

  /** Stage, milestones with overdue flags, KPI baselines, latest values and whether they moved the right way. */
  @Get(':id')
  @ReadsFrom(...READS.projects)
  @Versioned()
  find(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @ZodQuery(asOfQuery) at: AsOf) {
    return this.histories.nowOrAsOf(principal, 'projects', id, at, () => this.projects.find(readScope(principal), id));
  }
}
