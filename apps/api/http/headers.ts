import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest } from './http-request.js';
import type { z } from 'zod';
import { type Lang, langOf } from '#libs/labels';
import { BadRequestError } from './problem.js';

/**
 * A request header validated by a zod schema, like bodies, queries and path parameters are: undefined when
 * absent, a 400 naming the header when it does not match.
 */
export function parseHeader<Schema extends z.ZodType>(
  request: HttpRequest,
  name: string,
  schema: Schema,
): z.infer<Schema> | undefined {
  const raw = request.headers[name.toLowerCase()];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new BadRequestError(name, `${name} ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
}

/** The language people read the answer in: from `Accept-Language`, Chinese unless English is preferred. */
export const Language = createParamDecorator((_data: unknown, context: ExecutionContext): Lang => {
  const request = context.switchToHttp().getRequest<HttpRequest>();
  return langOf(request.headers['accept-language']);
});
