import { Controller, Get } from '@nestjs/common';
import type { z } from 'zod';
import { ObjectHistoryService } from '#libs/audit';
import { CurrentPrincipal, type Principal, Roles } from '#libs/auth';
import { DiagnosticReadRepository } from '#libs/diagnostics';
import { READS } from '#libs/read-models';
import { readScope } from '#libs/queries';
import { IdParam } from '../http/params.js';
import { ReadsFrom, Versioned, ZodQuery } from '../http/read-context.js';
import { type AsOf, asOfQuery } from '../http/schemas.js';
import * as schemas from './diagnostic.schemas.js';

@Controller('v1/diagnostics')
@Roles('officer', 'viewer', 'assessor', 'enterprise')
export class DiagnosticQueriesController {
  constructor(
    private readonly diagnostics: DiagnosticReadRepository,
    private readonly histories: ObjectHistoryService,
  ) {}

  @Get()
  @ReadsFrom(...READS.diagnostics)
  list(@CurrentPrincipal() principal: Principal, @ZodQuery(schemas.list) query: z.infer<typeof schemas.list>) {
    const { limit, cursor, ...filter } = query;
    return this.diagnostics.list(readScope(principal), filter, { limit, cursor });
  }

  /** Scores by dimension, level with its rule trace, status, corrections and disputes. */
  @Get(':id')
  @ReadsFrom(...READS.diagnostics)
  @Versioned()
  find(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @ZodQuery(asOfQuery) at: AsOf) {
    return this.histories.nowOrAsOf(principal, 'diagnostics', id, at, () =>
      this.diagnostics.find(readScope(principal), id),
    );
  }
}
