import { z } from 'zod';
import { ROLES } from '#libs/auth';
import { pathId, safeString } from '../http/schemas.js';

export const create = z
  .strictObject({
    name: safeString().trim().min(1).max(100),
    role: z.enum(ROLES),
    scope: z
      .strictObject({
        districtCodes: z
          .array(safeString().regex(/^\d{6}$/))
          .min(1)
          .max(100)
          .optional(),
        providerId: pathId.optional(),
        enterpriseId: pathId.optional(),
      })
      .default({}),
  })
  .superRefine((key, context) => {
    const needs = {
      officer: 'districtCodes',
      viewer: 'districtCodes',
      assessor: 'providerId',
      enterprise: 'enterpriseId',
    } as const;
    const field = key.role === 'admin' ? undefined : needs[key.role];
    if (field && !key.scope[field])
      context.addIssue({ code: 'custom', path: ['scope', field], message: `a ${key.role} key needs scope.${field}` });
  });
export const keyId = z.uuid();
