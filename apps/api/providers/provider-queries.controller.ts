import { Controller, Get } from '@nestjs/common';
import type { z } from 'zod';
import { Roles } from '#libs/auth';
import { READS } from '#libs/read-models';
import { ProviderReadRepository } from '#libs/providers';
import { orNotFound } from '#libs/queries';
import { IdParam } from '../http/params.js';
import { ReadsFrom, Versioned, ZodQuery } from '../http/read-context.js';
import * as schemas from './provider.schemas.js';

/** The provider pool is a published directory: every role may read it. */
@Controller('v1/providers')
@Roles('officer', 'viewer', 'assessor', 'enterprise')
export class ProviderQueriesController {
  constructor(private readonly providers: ProviderReadRepository) {}

  @Get()
  @ReadsFrom(...READS.providers)
  list(@ZodQuery(schemas.list) query: z.infer<typeof schemas.list>) {
    const { limit, cursor, ...filter } = query;
    return this.providers.list(filter, { limit, cursor });
  }

  @Get(':id')
  @ReadsFrom(...READS.providers)
  @Versioned()
  async find(@IdParam() id: string) {
    return orNotFound(await this.providers.find(id), 'provider_not_found', 'No provider is admitted under this id');
  }
}
