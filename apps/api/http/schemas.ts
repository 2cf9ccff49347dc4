import { z } from 'zod';
import { isValidUscc } from '#libs/enterprises';

/** Every write may say when it happened (backdated entries); the server records when it learnt of it. */
export const occurredAt = z.iso.datetime({ offset: true }).optional();
export const text = (max: number) => z.string().trim().min(1).max(max);
export const uscc = z
  .string()
  .regex(/^[0-9A-Z]{18}$/, 'must be 18 characters, digits and upper-case letters')
  .refine(isValidUscc, 'the check character does not match (GB 32100-2015)');
export const isoDate = z.iso.date();
export const pathId = z.string().min(1).max(64);

/** `?asOf=<ISO time>` and/or `?version=N`: the object as recorded then, rebuilt from its events. */
export const asOfQuery = z.strictObject({
  asOf: z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .optional(),
  version: z.coerce.number().int().min(1).optional(),
});
export type AsOf = z.infer<typeof asOfQuery>;
