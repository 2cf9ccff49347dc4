import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { HttpResponse } from '../http/http-request.js';
import type { z } from 'zod';
import { type AuditEntry, AuditReadRepository, historyCsv } from '#libs/audit';
import { CurrentPrincipal, type Principal, Roles } from '#libs/auth';
import { CLOCK, type Clock } from '#libs/clock';
import type { Lang } from '#libs/labels';
import { readScope } from '#libs/queries';
import { READS } from '#libs/read-models';
import { Language } from '../http/headers.js';
import { ReadsFrom, ZodQuery } from '../http/read-context.js';
import * as schemas from './audit.schemas.js';

/** An export holds at most this many entries; narrow the filters for more. */
export const EXPORT_LIMIT = 50_000;

/**
 * The global audit history for supervisors (admins, officers and viewers in their districts), newest first,
 * and its export for inspection.
 */
@Controller('v1/audit')
@Roles('officer', 'viewer')
export class AuditController {
  constructor(
    private readonly audit: AuditReadRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ReadsFrom(...READS.audit)
  search(
    @CurrentPrincipal() principal: Principal,
    @ZodQuery(schemas.search) query: z.infer<typeof schemas.search>,
    @Language() lang: Lang,
  ) {
    const { limit, cursor, ...filter } = query;
    return this.audit.search(readScope(principal), filter, { limit, cursor }, lang);
  }

  /** CSV (UTF-8 with BOM) or JSON of every entry the filters select, up to 50,000. */
  @Get('export')
  @ReadsFrom(...READS.audit)
  async export(
    @CurrentPrincipal() principal: Principal,
    @ZodQuery(schemas.searchExport) query: z.infer<typeof schemas.searchExport>,
    @Res({ passthrough: true }) response: HttpResponse,
    @Language() lang: Lang,
  ) {
    const { format, ...filter } = query;
    const entries: AuditEntry[] = [];
    for (let cursor: string | undefined; entries.length < EXPORT_LIMIT;) {
      const page = await this.audit.search(readScope(principal), filter, { limit: 200, cursor }, lang);
      entries.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return sendExport(response, `audit-${this.clock.now().toISOString().slice(0, 10)}`, format, entries);
  }
}

export function sendExport(
  response: HttpResponse,
  name: string,
  format: 'csv' | 'json',
  entries: readonly AuditEntry[],
): string | { items: typeof entries } {
  response.header('Content-Disposition', `attachment; filename="${name}.${format}"`);
  if (format === 'json') return { items: entries };
  response.type('text/csv; charset=utf-8');
  return historyCsv(entries);
}
