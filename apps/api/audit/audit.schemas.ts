import { z } from 'zod';
import { AGGREGATE_TYPES } from '#libs/audit';
import { pageQuery } from '../http/read-context.js';
import { isoDateTime, pathId, safeString } from '../http/schemas.js';

const time = isoDateTime.transform((value) => new Date(value)).optional();
const filters = {
  aggregateType: z.enum(AGGREGATE_TYPES).optional(),
  aggregateId: pathId.optional(),
  actor: pathId.optional(),
  type: safeString()
    .regex(/^[A-Za-z]{1,80}$/)
    .optional(),
  from: time,
  to: time,
};
const format = z.enum(['csv', 'json']).default('csv');

export const search = z.strictObject({ ...filters, ...pageQuery });
export const searchExport = z.strictObject({ ...filters, format });
export const history = z.strictObject(pageQuery);
export const historyExport = z.strictObject({ format });
export const aggregateType = z.enum(AGGREGATE_TYPES);
