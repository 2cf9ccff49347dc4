import { type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { z } from 'zod';

/** Where a request's invalid input was: its body, its query string or its path. */
export type InputPlace = 'body' | 'query' | 'path';

/** A validation failure that knows which part of the request it was in. */
export class RequestInputError extends z.ZodError {
  constructor(
    issues: z.core.$ZodIssue[],
    readonly place: InputPlace,
  ) {
    super(issues);
  }
}

/**
 * Validates and types a body, query or parameter with a zod schema; failures become a 400 problem. A path
 * parameter's errors are named after it (`id`), a body's and a query's after their fields.
 */
export class ZodValidationPipe<Schema extends z.ZodType> implements PipeTransform<unknown, z.infer<Schema>> {
  constructor(private readonly schema: Schema) {}

  transform(value: unknown, metadata?: ArgumentMetadata): z.infer<Schema> {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const place: InputPlace = metadata?.type === 'param' ? 'path' : metadata?.type === 'query' ? 'query' : 'body';
    const name = metadata?.type === 'param' ? metadata.data : undefined;
    if (!name) throw new RequestInputError(parsed.error.issues, place);
    throw new RequestInputError(
      parsed.error.issues.map((issue) => ({ ...issue, path: [name, ...issue.path] })),
      place,
    );
  }
}
