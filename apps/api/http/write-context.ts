import { createHash, randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest } from './http-request.js';
import { actorOf, type Principal, UnauthenticatedError } from '#libs/auth';
import type { WriteOptions } from '#libs/commands';
import { parseHeader } from './headers.js';
import { BadRequestError } from './problem.js';
import { correlationIdHeader, idempotencyKeyHeader, ifMatchHeader, isoDateTime } from './schemas.js';

/** Clocks disagree a little; an `occurredAt` further in the future than this is refused. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Everything about a write that is not its body: who, which version, which idempotency key, when. */
export interface WriteContext {
  principal: Principal;
  options: WriteOptions;
}

/** Key order must not make two equal bodies look different to the idempotency check. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function parseOccurredAt(value: unknown, now: Date): Date | undefined {
  if (value === undefined) return undefined;
  if (!isoDateTime.safeParse(value).success) {
    throw new BadRequestError('occurredAt', 'occurredAt must be an ISO 8601 time within the years 1900 to 9999');
  }
  const date = new Date(value as string);
  if (date.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new BadRequestError('occurredAt', 'occurredAt may not be in the future');
  }
  return date;
}

export const Write = createParamDecorator((_: unknown, context: ExecutionContext): WriteContext => {
  const request = context.switchToHttp().getRequest<HttpRequest>();
  const principal = request.principal;
  const now = request.receivedAt;
  if (!now) throw new Error('The request was not stamped with its time');
  if (!principal) throw new UnauthenticatedError('A bearer token is required');
  const body: unknown = request.body;
  const key = parseHeader(request, 'Idempotency-Key', idempotencyKeyHeader);
  const expectedVersion = parseHeader(request, 'If-Match', ifMatchHeader);
  const commandId = randomUUID();
  // The request's log line carries the same id (made by the request log when the client sent none).
  const correlationId = parseHeader(request, 'X-Correlation-Id', correlationIdHeader) ?? request.id;
  const occurredAt =
    body && typeof body === 'object' ? parseOccurredAt((body as { occurredAt?: unknown }).occurredAt, now) : undefined;
  return {
    principal,
    options: {
      now,
      metadata: { actor: actorOf(principal), source: 'api', commandId, correlationId, causationId: commandId },
      expectedVersion,
      ...(key !== undefined
        ? {
            idempotency: {
              scope: principal.keyId,
              key,
              requestHash: createHash('sha256')
                .update(`${request.method} ${request.originalUrl.split('?')[0]} ${canonicalJson(body ?? null)}`)
                .digest('hex'),
            },
          }
        : {}),
      ...(occurredAt ? { occurredAt } : {}),
    },
  };
});
