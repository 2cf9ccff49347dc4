import { type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

/** Validates and types a body, query or parameter with a zod schema; failures become a 400 problem. */
export class ZodValidationPipe<Schema extends z.ZodType> implements PipeTransform<unknown, z.infer<Schema>> {
  constructor(private readonly schema: Schema) {}

  transform(value: unknown): z.infer<Schema> {
    return this.schema.parse(value);
  }
}
