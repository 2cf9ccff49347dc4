import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { z } from 'zod';
import { GetObjectAsOf } from '#libs/audit';
import { CurrentPrincipal, type Principal, Roles } from '#libs/auth';
import { READS } from '#libs/progress';
import { GetProject, ListProjects, PROJECT_STAGES, PROJECT_TYPES } from '#libs/projects';
import { pageQuery, ReadsFrom, ZodQuery } from '../http/read-context.js';
import { asOfQuery, pathId } from '../http/schemas.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';

const listQuery = z.strictObject({
  enterpriseId: pathId.optional(),
  districtCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  parkId: z.string().min(1).max(64).optional(),
  providerId: pathId.optional(),
  stage: z.enum(PROJECT_STAGES).optional(),
  type: z.enum(PROJECT_TYPES).optional(),
  ...pageQuery,
});

@Controller('v1/projects')
@Roles('officer', 'viewer', 'assessor', 'enterprise')
export class ProjectQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ReadsFrom(...READS.projects)
  list(@CurrentPrincipal() principal: Principal, @ZodQuery(listQuery) query: z.infer<typeof listQuery>) {
    const { limit, cursor, ...filter } = query;
    return this.queries.execute(new ListProjects(principal, filter, { limit, cursor }));
  }

  /** Stage, milestones with overdue flags, KPI baselines, latest values and whether they moved the right way. */
  @Get(':id')
  @ReadsFrom(...READS.projects)
  async find(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ZodValidationPipe(pathId)) id: string,
    @ZodQuery(asOfQuery) at: z.infer<typeof asOfQuery>,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (at.asOf !== undefined || at.version !== undefined) {
      const then = await this.queries.execute(new GetObjectAsOf(principal, 'projects', id, at));
      response.setHeader('ETag', `"${then.version}"`);
      return then;
    }
    const project = await this.queries.execute(new GetProject(principal, id));
    response.setHeader('ETag', `"${project.version}"`);
    return project;
  }
}
