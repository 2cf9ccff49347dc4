import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentPrincipal, type Principal, Roles } from '#libs/auth';
import { RosterImportService } from '#libs/roster-import';
import { parseHeader } from '../http/headers.js';
import { ZodQuery } from '../http/read-context.js';
import { correlationIdHeader } from '../http/schemas.js';
import type { HttpRequest } from '../http/http-request.js';
import * as schemas from './import.schemas.js';
import { FILE_TYPES, readImportFile, XLSX_TYPE } from './upload.js';

/** Data exchange: the enterprise roster from a statistics bureau's spreadsheet (docs/architecture.md). */
@Controller('v1/imports')
export class ImportsController {
  constructor(private readonly roster: RosterImportService) {}

  /**
   * An `.xlsx` or `.csv` list of enterprises, as the body itself or the `file` field of a form: the plan
   * (`dryRun=true`) or what was done, `{ register[], change[], unchanged, refused[{row, column, code, reason}] }`.
   */
  @Post('enterprises')
  @HttpCode(200)
  @Roles('officer')
  // The body is read by the route, so after the key is checked.
  @ApiConsumes(XLSX_TYPE, 'text/csv', 'multipart/form-data')
  @ApiBody({
    description: `The file (at most 10 MB, 100,000 rows, no formulas or macros): ${FILE_TYPES.join(', ')}; or a multipart form with it in "file"`,
    schema: { type: 'string', format: 'binary' },
  })
  @ApiResponse({ status: 200, description: 'The plan (a dry run) or what the import did' })
  async enterprises(
    @Req() request: HttpRequest,
    @CurrentPrincipal() principal: Principal,
    @ZodQuery(schemas.importQuery) query: z.infer<typeof schemas.importQuery>,
  ) {
    const now = request.receivedAt;
    if (!now) throw new Error('The request was not stamped with its time');
    // The request log's id when the client sent none: the log line, the answer and the events share it.
    const correlationId = parseHeader(request, 'X-Correlation-Id', correlationIdHeader) ?? request.id;
    const file = await readImportFile(request);
    return this.roster.import({
      content: file.content,
      fileName: query.fileName ?? file.fileName,
      dryRun: query.dryRun ?? false,
      principal,
      now,
      correlationId,
    });
  }
}
