import { Controller, Delete, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { ApiKeysService, CurrentPrincipal, type Principal, ROLES, Roles } from '#libs/auth';
import { DomainError } from '#libs/event-sourcing';
import { ZodBody } from '../http/zod-body.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';

const createApiKeySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    role: z.enum(ROLES),
    scope: z
      .strictObject({
        districtCodes: z
          .array(z.string().regex(/^\d{6}$/))
          .min(1)
          .max(100)
          .optional(),
        providerId: z.string().min(1).max(64).optional(),
        enterpriseId: z.string().min(1).max(64).optional(),
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

@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** The token is in this answer only; the service keeps its hash. */
  @Post()
  @Roles('admin')
  async create(
    @ZodBody(createApiKeySchema) body: z.infer<typeof createApiKeySchema>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    const created = await this.apiKeys.create(body, principal.keyId);
    response.status(201).setHeader('Location', `/v1/api-keys/${created.id}`);
    return { ...created, name: body.name, role: body.role, scope: body.scope };
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  async revoke(@Param('id', new ZodValidationPipe(z.uuid())) id: string): Promise<void> {
    if (!(await this.apiKeys.revoke(id)))
      throw new DomainError('api_key_not_found', 'No active API key has this id', 'not_found');
  }
}
