import { z } from 'zod';
import { CORRECTABLE_FIELDS } from '#libs/enterprises';
import { booleanQuery, pageQuery } from '../http/read-context.js';
import { levelQuery, pathId, safeString, text, uscc } from '../http/schemas.js';

const industryCode = safeString().regex(/^([A-T])?\d{2,4}$/, 'must be a GB/T 4754 code such as C39 or 3911');
const districtCode = safeString().regex(/^\d{6}$/, 'must be a six-digit administrative division code');

export const register = z.strictObject({
  uscc,
  name: text(200),
  industryCode,
  districtCode,
  parkId: text(64),
  aboveDesignatedSize: z.boolean(),
});
export const scaleStatus = z.strictObject({
  aboveDesignatedSize: z.boolean(),
  statYear: z.number().int().min(2000).max(2100),
});
export const moveToPark = z.strictObject({ parkId: text(64) });
export const correction = z.strictObject({
  field: z.enum(CORRECTABLE_FIELDS),
  value: text(200),
  reason: text(500),
});
export const closure = z.strictObject({ reason: text(500) });

export const list = z.strictObject({
  districtCode: safeString()
    .regex(/^\d{6}$/)
    .optional(),
  parkId: pathId.optional(),
  industryCode: safeString()
    .regex(/^([A-T])?\d{0,4}$/)
    .min(1)
    .optional(),
  aboveDesignatedSize: booleanQuery.optional(),
  level: levelQuery.optional(),
  status: z.enum(['active', 'closed']).optional(),
  /** The id or USCC exactly, or a part of the name. */
  q: safeString().trim().min(1).max(100).optional(),
  ...pageQuery,
});
