import { Body } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodValidationPipe } from './zod-validation.pipe.js';

/**
 * The request body, validated by a zod schema, and the same schema in the OpenAPI document: one source for
 * what the API accepts and what it documents.
 */
export function ZodBody(schema: z.ZodType): ParameterDecorator {
  const validate = Body(new ZodValidationPipe(schema));
  const document = ApiBody({
    schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as object,
  });
  return (target, key, index) => {
    validate(target, key, index);
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor) document(target, key, descriptor);
  };
}
