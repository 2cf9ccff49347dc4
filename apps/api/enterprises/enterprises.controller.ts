import { Controller } from '@nestjs/common';
import type { z } from 'zod';
import { EnterpriseWrite } from '#libs/enterprises';
import { IdParam } from '../http/params.js';
import { Write, type WriteContext } from '../http/write-context.js';
import { CreateRoute, WriteRoute, WriteSender } from '../http/write-route.js';
import { WriteBody } from '../http/zod-body.js';
import * as schemas from './enterprise.schemas.js';

type Body<Schema extends z.ZodType> = z.infer<Schema>;

/** Enterprises are keyed by their USCC, the natural key (DOMAIN.md glossary). */
@Controller('v1/enterprises')
export class EnterprisesController {
  constructor(private readonly writes: WriteSender) {}

  @CreateRoute('', ({ id }) => `/v1/enterprises/${id}`, 'officer')
  register(@WriteBody(schemas.register) data: Body<typeof schemas.register>, @Write() write: WriteContext) {
    return this.writes.send(EnterpriseWrite, write, data.uscc, { type: 'RegisterEnterprise', data });
  }

  @WriteRoute('post', ':id/scale-status', 'officer')
  changeScaleStatus(
    @IdParam() id: string,
    @WriteBody(schemas.scaleStatus) data: Body<typeof schemas.scaleStatus>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(EnterpriseWrite, write, id, { type: 'ChangeScaleStatus', data });
  }

  @WriteRoute('post', ':id/park', 'officer')
  moveToPark(
    @IdParam() id: string,
    @WriteBody(schemas.moveToPark) data: Body<typeof schemas.moveToPark>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(EnterpriseWrite, write, id, { type: 'MoveToPark', data });
  }

  @WriteRoute('post', ':id/corrections', 'officer')
  correct(
    @IdParam() id: string,
    @WriteBody(schemas.correction) data: Body<typeof schemas.correction>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(EnterpriseWrite, write, id, { type: 'CorrectDetails', data });
  }

  @WriteRoute('post', ':id/closure', 'officer')
  close(
    @IdParam() id: string,
    @WriteBody(schemas.closure) data: Body<typeof schemas.closure>,
    @Write() write: WriteContext,
  ) {
    return this.writes.send(EnterpriseWrite, write, id, { type: 'CloseEnterprise', data });
  }
}
