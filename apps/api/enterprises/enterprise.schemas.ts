import { z } from 'zod';
import { CORRECTABLE_FIELDS, isValidUscc } from '#libs/enterprises';

/** Every write may say when it happened (backdated entries); the server records when it learnt of it. */
const occurredAt = z.iso.datetime({ offset: true }).optional();
const text = (max: number) => z.string().trim().min(1).max(max);

export const enterpriseIdSchema = z.string().min(1).max(64);

export const registerEnterpriseSchema = z.strictObject({
  uscc: z
    .string()
    .regex(/^[0-9A-Z]{18}$/, 'must be 18 characters, digits and upper-case letters')
    .refine(isValidUscc, 'the check character does not match (GB 32100-2015)'),
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
