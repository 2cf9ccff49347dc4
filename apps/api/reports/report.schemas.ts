import { z } from 'zod';
import { REPORT_KINDS } from '#libs/reporting';
import { pageQuery } from '../http/read-context.js';

const districtCode = z.string().regex(/^\d{6}$/, 'a six-digit district code');
const period = z.string().min(4).max(10);

export const request = z.strictObject({ kind: z.enum(REPORT_KINDS), period, districtCode: districtCode.optional() });
export const list = z.strictObject({
  kind: z.enum(REPORT_KINDS).optional(),
  period: period.optional(),
  districtCode: districtCode.optional(),
  ...pageQuery,
});
export const download = z.strictObject({
  format: z.enum(['json', 'csv', 'html', 'pdf']).default('pdf'),
  variant: z.enum(['standard', 'restated']).default('standard'),
});
export const reportId = z.uuid();
