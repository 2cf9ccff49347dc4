import { createHash, randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { actorOf, type Principal, UnauthenticatedError } from '#libs/auth';
import type { WriteOptions } from '#libs/commands';
import { BadRequestError } from './problem.js';

/** Clocks disagree a little; an `occurredAt` further in the future than this is refused. */
const CLOCK_SKEW_MS = 5 * 60_000;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Everything about a write that is not its body: who, which version, which idempotency key, when. */
export interface WriteContext {
  principal: Principal;
  options: WriteOptions;
}

/** When the service took a request, by its clock (set by `RequestTimeMiddleware` before anything else). */
export type TimedRequest = Request & { receivedAt?: Date };

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
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

export function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value.trim());
  if (!match?.[1]) throw new BadRequestError('If-Match', 'If-Match must be a version such as "3"');
  return Number(match[1]);
}

export function parseOccurredAt(value: unknown, now: Date): Date | undefined {
  if (value === undefined) return undefined;
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime()))
    throw new BadRequestError('occurredAt', 'occurredAt must be an ISO 8601 time');
  if (date.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new BadRequestError('occurredAt', 'occurredAt may not be in the future');
  }
  return date;
}

export const Write = createParamDecorator((_: unknown, context: ExecutionContext): WriteContext => {
  const request = context.switchToHttp().getRequest<TimedRequest & { principal?: Principal }>();
  const principal = request.principal;
  const now = request.receivedAt;
  if (!now) throw new Error('RequestTimeMiddleware did not run');
  if (!principal) throw new UnauthenticatedError('A bearer token is required');
  const body: unknown = request.body;
  const key = header(request, 'idempotency-key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new BadRequestError('Idempotency-Key', 'Idempotency-Key must be 1-200 visible ASCII characters');
  }
  const commandId = randomUUID();
  const correlationId = header(request, 'x-correlation-id') ?? commandId;
  const occurredAt =
    body && typeof body === 'object' ? parseOccurredAt((body as { occurredAt?: unknown }).occurredAt, now) : undefined;
  return {
    principal,
    options: {
      now,
      metadata: { actor: actorOf(principal), source: 'api', commandId, correlationId, causationId: commandId },
      expectedVersion: parseIfMatch(header(request, 'if-match')),
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
