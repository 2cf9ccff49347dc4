import { Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { z } from 'zod';
import { Roles } from '#libs/auth';
import { AccreditAssessor, AdmitProvider, PROVIDER_TYPES, SuspendProvider } from '#libs/providers';
import { isoDate, occurredAt, pathId, text, uscc, withoutOccurredAt } from '../http/schemas.js';
import { Write, type WriteContext, writeResponse } from '../http/write-context.js';
import { ZodBody } from '../http/zod-body.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';

const admitSchema = z.strictObject({
  name: text(200),
  uscc,
  types: z.array(z.enum(PROVIDER_TYPES)).min(1).max(PROVIDER_TYPES.length),
  occurredAt,
});
const accreditSchema = z.strictObject({ assessorId: text(64), name: text(100), validUntil: isoDate, occurredAt });
const suspensionSchema = z.strictObject({ reason: text(500), occurredAt });
const id = new ZodValidationPipe(pathId);

/** The accredited provider registry (服务商库); a provider is keyed by its USCC. */
@Controller('v1/providers')
export class ProvidersController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('officer')
  async admit(
    @ZodBody(admitSchema) body: z.infer<typeof admitSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const data = withoutOccurredAt(body);
    const result = await this.commands.execute(new AdmitProvider(write.principal, data.uscc, data, write.options));
    return writeResponse(response, data.uscc, result, `/v1/providers/${data.uscc}`);
  }

  @Post(':id/assessors')
  @HttpCode(200)
  @Roles('officer')
  async accredit(
    @Param('id', id) providerId: string,
    @ZodBody(accreditSchema) body: z.infer<typeof accreditSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new AccreditAssessor(write.principal, providerId, withoutOccurredAt(body), write.options),
    );
    return writeResponse(response, providerId, result);
  }

  @Post(':id/suspension')
  @HttpCode(200)
  @Roles('officer')
  async suspend(
    @Param('id', id) providerId: string,
    @ZodBody(suspensionSchema) body: z.infer<typeof suspensionSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new SuspendProvider(write.principal, providerId, withoutOccurredAt(body), write.options),
    );
    return writeResponse(response, providerId, result);
  }
}
