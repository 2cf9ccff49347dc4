import { Controller, Delete, HttpCode, Post, Res } from '@nestjs/common';
import type { HttpResponse } from '../http/http-request.js';
import type { z } from 'zod';
import { ApiKeysService, CurrentPrincipal, type Principal, Roles } from '#libs/auth';
import { DomainError } from '#libs/event-sourcing';
import { ZodParam } from '../http/params.js';
import { ZodBody } from '../http/zod-body.js';
import * as schemas from './api-key.schemas.js';

@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** The token is in this answer only; the service keeps its hash. */
  @Post()
  @Roles('admin')
  async create(
    @ZodBody(schemas.create) body: z.infer<typeof schemas.create>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    const created = await this.apiKeys.create(body, principal.keyId);
    response.status(201).header('Location', `/v1/api-keys/${created.id}`);
    return { ...created, name: body.name, role: body.role, scope: body.scope };
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  async revoke(@ZodParam('id', schemas.keyId) id: string): Promise<void> {
    if (!(await this.apiKeys.revoke(id)))
      throw new DomainError('api_key_not_found', 'No active API key has this id', 'not_found');
  }
}
