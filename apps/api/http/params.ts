import { Param } from '@nestjs/common';
import type { z } from 'zod';
import { pathId } from './schemas.js';
import { ZodValidationPipe } from './zod-validation.pipe.js';

/** A path parameter validated by a zod schema (400 naming it when it does not match). */
export const ZodParam = (name: string, schema: z.ZodType): ParameterDecorator =>
  Param(name, new ZodValidationPipe(schema));

/** A path parameter that names an object (`:id` unless told): 1 to 64 characters. */
export const IdParam = (name = 'id'): ParameterDecorator => ZodParam(name, pathId);
