import { type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { z } from 'zod';

/**
 * Validates and types a body, query or parameter with a zod schema; failures become a 400 problem. A path
 * parameter's errors are named after it (`id`), a body's and a query's after their fields.
 */
export class ZodValidationPipe<Schema extends z.ZodType> implements PipeTransform<unknown, z.infer<Schema>> {
  constructor(private readonly schema: Schema) {}

  transform(value: unknown, metadata?: ArgumentMetadata): z.infer<Schema> {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const name = metadata?.type === 'param' ? metadata.data : undefined;
    if (!name) throw parsed.error;
    throw new z.ZodError(parsed.error.issues.map((issue) => ({ ...issue, path: [name, ...issue.path] })));
  }
}
