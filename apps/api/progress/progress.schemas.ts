import { z } from 'zod';
import { PROGRESS_GROUPINGS } from '#libs/progress';

export const progress = z.strictObject({
  groupBy: z.enum(PROGRESS_GROUPINGS).default('district'),
  districtCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
