import { Body } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { z } from 'zod';
import { occurredAt } from './schemas.js';
import { ZodValidationPipe } from './zod-validation.pipe.js';

/**
 * The request body, validated by a zod schema, and the same schema in the OpenAPI document: one source for
 * what the API accepts and what it documents.
 */
export function ZodBody(schema: z.ZodType, documented: z.ZodType = schema): ParameterDecorator {
  const validate = Body(new ZodValidationPipe(schema));
  const document = ApiBody({
    schema: z.toJSONSchema(documented, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as object,
  });
  return (target, key, index) => {
    validate(target, key, index);
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor) document(target, key, descriptor);
  };
}

/**
 * A write's body as its command's data: validated by the schema, with the envelope field `occurredAt` (a
 * backdated entry, read by `@Write()`) allowed beside it and left out of the data. An empty body is `{}`.
 */
export function WriteBody(schema: z.ZodObject): ParameterDecorator {
  const body = schema.extend({ occurredAt });
  const data = z.preprocess(
    (value) => value ?? {},
    body.transform(({ occurredAt: _, ...rest }) => rest),
  );
  return ZodBody(data, body);
}
