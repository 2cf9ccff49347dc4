import { z } from 'zod';
import { PROVIDER_TYPES } from '#libs/providers';
import { pageQuery } from '../http/read-context.js';
import { isoDate, text, uscc } from '../http/schemas.js';

export const admit = z.strictObject({
  name: text(200),
  uscc,
  types: z.array(z.enum(PROVIDER_TYPES)).min(1).max(PROVIDER_TYPES.length),
});
export const accreditation = z.strictObject({ assessorId: text(64), name: text(100), validUntil: isoDate });
export const suspension = z.strictObject({ reason: text(500) });

export const list = z.strictObject({
  type: z.enum(PROVIDER_TYPES).optional(),
  status: z.enum(['admitted', 'suspended']).optional(),
  ...pageQuery,
});
