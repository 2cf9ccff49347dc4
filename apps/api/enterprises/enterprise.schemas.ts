import { z } from 'zod';
import { CORRECTABLE_FIELDS } from '#libs/enterprises';
import { occurredAt, text, uscc } from '../http/schemas.js';

export const registerEnterpriseSchema = z.strictObject({
  uscc,
  name: text(200),
  industryCode: z.string().regex(/^([A-T])?\d{2,4}$/, 'must be a GB/T 4754 code such as C39 or 3911'),
  districtCode: z.string().regex(/^\d{6}$/, 'must be a six-digit administrative division code'),
  parkId: text(64),
  aboveDesignatedSize: z.boolean(),
  occurredAt,
});

export const scaleStatusSchema = z.strictObject({
  aboveDesignatedSize: z.boolean(),
  statYear: z.number().int().min(2000).max(2100),
  occurredAt,
});

export const moveToParkSchema = z.strictObject({ parkId: text(64), occurredAt });

export const correctionSchema = z.strictObject({
  field: z.enum(CORRECTABLE_FIELDS),
  value: text(200),
  reason: text(500),
  occurredAt,
});

export const closureSchema = z.strictObject({ reason: text(500), occurredAt });
