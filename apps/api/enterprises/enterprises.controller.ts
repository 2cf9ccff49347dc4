import { Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { z } from 'zod';
import { Roles } from '#libs/auth';
import {
  ChangeScaleStatus,
  CloseEnterprise,
  CorrectEnterpriseDetails,
  MoveEnterpriseToPark,
  RegisterEnterprise,
} from '#libs/enterprises';
import { pathId, withoutOccurredAt } from '../http/schemas.js';
import { Write, type WriteContext, writeResponse } from '../http/write-context.js';
import { ZodBody } from '../http/zod-body.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import {
  closureSchema,
  correctionSchema,
  moveToParkSchema,
  registerEnterpriseSchema,
  scaleStatusSchema,
} from './enterprise.schemas.js';

const id = new ZodValidationPipe(pathId);

/** Enterprises are keyed by their USCC, the natural key (DOMAIN.md glossary). */
@Controller('v1/enterprises')
export class EnterprisesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('officer')
  async register(
    @ZodBody(registerEnterpriseSchema) body: z.infer<typeof registerEnterpriseSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const data = withoutOccurredAt(body);
    const result = await this.commands.execute(new RegisterEnterprise(write.principal, data.uscc, data, write.options));
    return writeResponse(response, data.uscc, result, `/v1/enterprises/${data.uscc}`);
  }

  @Post(':id/scale-status')
  @HttpCode(200)
  @Roles('officer')
  async changeScaleStatus(
    @Param('id', id) enterpriseId: string,
    @ZodBody(scaleStatusSchema) body: z.infer<typeof scaleStatusSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new ChangeScaleStatus(write.principal, enterpriseId, withoutOccurredAt(body), write.options),
    );
    return writeResponse(response, enterpriseId, result);
  }

  @Post(':id/park')
  @HttpCode(200)
  @Roles('officer')
  async moveToPark(
    @Param('id', id) enterpriseId: string,
    @ZodBody(moveToParkSchema) body: z.infer<typeof moveToParkSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new MoveEnterpriseToPark(write.principal, enterpriseId, withoutOccurredAt(body), write.options),
    );
    return writeResponse(response, enterpriseId, result);
  }

  @Post(':id/corrections')
  @HttpCode(200)
  @Roles('officer')
  async correct(
    @Param('id', id) enterpriseId: string,
    @ZodBody(correctionSchema) body: z.infer<typeof correctionSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new CorrectEnterpriseDetails(write.principal, enterpriseId, withoutOccurredAt(body), write.options),
    );
    return writeResponse(response, enterpriseId, result);
  }

  @Post(':id/closure')
  @HttpCode(200)
  @Roles('officer')
  async close(
    @Param('id', id) enterpriseId: string,
    @ZodBody(closureSchema) body: z.infer<typeof closureSchema>,
    @Write() write: WriteContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(
      new CloseEnterprise(write.principal, enterpriseId, withoutOccurredAt(body), write.options),
    );
    return writeResponse(response, enterpriseId, result);
  }
}
