import { z } from 'zod';
import { booleanQuery } from '../http/read-context.js';
import { safeString } from '../http/schemas.js';

export const importQuery = z.strictObject({
  /** `true`: answer the plan and change nothing. */
  dryRun: booleanQuery.optional(),
  /** The file's name for a body sent raw (recorded in the events' source and the corrections' reason). */
  fileName: safeString().trim().min(1).max(200).optional(),
});
