import { Controller } from '@nestjs/common';
import type { z } from 'zod';
import { ProviderWrite } from '#libs/providers';
import { IdParam } from '../http/params.js';
import { Write, type WriteContext } from '../http/write-context.js';
import { CreateRoute, WriteRoute, WriteSender } from '../http/write-route.js';
import { WriteBody } from '../http/zod-body.js';
import * as schemas from './provider.schemas.js';

type Body<Schema extends z.ZodType> = z.infer<Schema>;

/** The accredited provider registry (服务商库); a provider is keyed by its USCC. */
@Controller('v1/providers')
export class ProvidersController {
  constructor(private readonly writes: WriteSender) {}

  @CreateRoute('', ({ id }) => `/v1/providers/${id}`, 'officer')
  admit(@WriteBody(schemas.admit) data: Body<typeof schemas.admit>, @Write() write: WriteContext) {
    return this.writes.send(ProviderWrite, write, data.uscc, { type: 'AdmitProvider', data });
  }

  @WriteRoute('post', ':id/assessors', 'officer')
  accredit(
    @IdParam() id: string,
    @WriteBody(schemas.accreditation) data: Body<typeof schemas.accreditation>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProviderWrite, write, id, { type: 'AccreditAssessor', data });
  }

  @WriteRoute('post', ':id/suspension', 'officer')
  suspend(
    @IdParam() id: string,
    @WriteBody(schemas.suspension) data: Body<typeof schemas.suspension>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(ProviderWrite, write, id, { type: 'SuspendProvider', data });
  }
}
