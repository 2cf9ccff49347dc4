import { z } from 'zod';
import { isCursor } from '#libs/queries';
import { REPORT_KINDS } from '#libs/reporting';
import { pageQuery } from '../http/read-context.js';
import { safeString } from '../http/schemas.js';

const districtCode = safeString().regex(/^\d{6}$/, 'a six-digit district code');
const period = safeString().min(4).max(10);

export const request = z.strictObject({ kind: z.enum(REPORT_KINDS), period, districtCode: districtCode.optional() });
export const list = z.strictObject({
  kind: z.enum(REPORT_KINDS).optional(),
  period: period.optional(),
  districtCode: districtCode.optional(),
  ...pageQuery,
  /** The list's sort key (the period's start and the id) of the last report of the page before. */
  cursor: pageQuery.cursor.refine(
    (cursor) => cursor === undefined || isCursor(cursor, ['time', 'uuid']),
    'The cursor is not one this list gave out',
  ),
});
export const download = z.strictObject({
  format: z.enum(['json', 'csv', 'html', 'pdf', 'xlsx']).default('pdf'),
  variant: z.enum(['standard', 'restated']).default('standard'),
});
export const reportId = z.uuid();
