import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { z } from 'zod';
import { Roles } from '#libs/auth';
import { READS } from '#libs/progress';
import { GetProvider, ListProviders, PROVIDER_TYPES } from '#libs/providers';
import { pageQuery, ReadsFrom, ZodQuery } from '../http/read-context.js';
import { pathId } from '../http/schemas.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';

const listQuery = z.strictObject({
  type: z.enum(PROVIDER_TYPES).optional(),
  status: z.enum(['admitted', 'suspended']).optional(),
  ...pageQuery,
});

/** The provider pool is a published directory: every role may read it. */
@Controller('v1/providers')
@Roles('officer', 'viewer', 'assessor', 'enterprise')
export class ProviderQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ReadsFrom(...READS.providers)
  list(@ZodQuery(listQuery) query: z.infer<typeof listQuery>) {
    const { limit, cursor, ...filter } = query;
    return this.queries.execute(new ListProviders(filter, { limit, cursor }));
  }

  @Get(':id')
  @ReadsFrom(...READS.providers)
  async find(@Param('id', new ZodValidationPipe(pathId)) id: string, @Res({ passthrough: true }) response: Response) {
    const provider = await this.queries.execute(new GetProvider(id));
    response.setHeader('ETag', `"${provider.version}"`);
    return provider;
  }
}
