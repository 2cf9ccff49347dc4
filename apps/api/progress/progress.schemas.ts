import { z } from 'zod';
import { PROGRESS_GROUPINGS } from '#libs/progress';
import { safeString } from '../http/schemas.js';

export const progress = z.strictObject({
  groupBy: z.enum(PROGRESS_GROUPINGS).default('district'),
  districtCode: safeString()
    .regex(/^\d{6}$/)
    .optional(),
});
