import { HttpException } from '@nestjs/common';
import { ForbiddenError, UnauthenticatedError } from '#libs/auth';
import { PreconditionFailedError } from '#libs/commands';
import { isDatabaseUnavailable } from '#libs/database';
import { DomainError } from '#libs/event-sourcing';
import {
  ClaimTakenError,
  LogOrderError,
  ConcurrencyError,
  IdempotencyKeyReusedError,
  InvalidLogPositionError,
} from '#libs/event-store';
import { ProjectionsBehindError, UnknownProjectionError } from '#libs/projections';
import { InvalidCursorError } from '#libs/queries';
import { ImportFileError } from '#libs/roster-import';
import { type Lang } from '#libs/labels';
import { z, ZodError } from 'zod';
import { RateLimitedError } from './rate-limit.guard.js';
import { RequestInputError } from './zod-validation.pipe.js';

/** RFC 9457 problem details. `type` names the rule or failure; never a stack or SQL text. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

const problem = (
  status: number,
  code: string,
  title: string,
  detail?: string,
  extra: Partial<Problem> = {},
): Problem => ({
  type: `/problems/${code}`,
  title,
  status,
  ...(detail ? { detail } : {}),
  ...extra,
});

/** Bad input found outside a body schema: a header, a query parameter, a path parameter. */
export class BadRequestError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** A problem lists this many errors at most, and counts the rest in `moreErrors`. */
const MAX_LISTED_ERRORS = 20;
/** A field name or path is cut to this length in a problem: the client sent it, it need not read it back whole. */
const MAX_ECHOED = 100;

const clip = (value: string) => (value.length > MAX_ECHOED ? `${value.slice(0, MAX_ECHOED)}…` : value);

/**
 * Each field's error, with where it is (`in`: body, query or path; `place`: `query.level`, `body.name`); an
 * unknown field is one error each, so that a body of many is listed and counted alike.
 */
function validationErrors(error: ZodError): { path: string; message: string; in?: string; place?: string }[] {
  const where = error instanceof RequestInputError ? error.place : undefined;
  // `path` as it always was ((body) for an unknown top-level key); `place` names the key itself.
  const located = (path: string, message: string, field = path) =>
    where ? { path, message, in: where, place: field === '(body)' ? where : `${where}.${field}` } : { path, message };
  return error.issues.flatMap((issue) => {
    const path = clip(issue.path.map(String).join('.')) || '(body)';
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) =>
        located(path, `Unrecognized key: "${clip(key)}"`, path === '(body)' ? clip(key) : `${path}.${clip(key)}`),
      );
    }
    return [located(path, clip(issue.message))];
  });
}

/**
 * What Fastify refuses before a route runs: it carries a 4xx `statusCode` and a `code`; its messages (JSON.parse's,
 * the path's) are not for clients.
 */
function unreadableRequest(error: unknown): Problem | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  const status = error.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  const code = 'code' in error ? error.code : undefined;
  const unreadable = (detail: string) => problem(400, 'malformed_request', 'The request could not be read', detail);
  if (status === 413) {
    return problem(413, 'payload_too_large', 'The request body is too large', 'A request body may be at most 1 MB');
  }
  if (code === 'FST_ERR_BAD_URL') return unreadable('The path is not valid percent-encoding');
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY') return unreadable('The body is not valid JSON');
  if (status === 415) {
    return problem(415, 'unsupported_media_type', 'Unsupported media type', 'A JSON body must be UTF-8');
  }
  if (status === 414) return problem(414, 'uri_too_long', 'The URL is too long', 'The path is too long');
  return problem(status, 'malformed_request', 'The request could not be read', 'The body could not be decoded');
}

const ZH = z.locales.zhCN();

/** Zod's Chinese wording of an issue (the English one, from the schema, stays in `errors`). */
function zhMessage(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return '';
  const message = ZH.localeError(issue as never);
  const text = typeof message === 'string' ? message : message?.message;
  return text ? `：${clip(text)}` : '';
}

/** What a 503 for an unreachable database asks the client to wait before trying again. */
const DATABASE_RETRY_AFTER_SECONDS = 2;

const DOMAIN_STATUS = { conflict: 409, invalid: 422, not_found: 404 } as const;
const IMPORT_FILE_TITLES = {
  400: 'The request is not valid',
  413: 'The request body is too large',
  415: 'Unsupported media type',
  422: 'The file cannot be imported',
} as const;

/** Maps what the service throws to a problem; anything unknown is a 500 without details. */
export function toProblem(error: unknown, lang: Lang = 'en'): Problem {
  if (error instanceof ZodError) {
    const errors = validationErrors(error);
    const first = errors[0];
    const detail =
      lang === 'zh'
        ? `请求不合法：${first?.place ?? first?.path ?? ''}${zhMessage(error.issues[0])}（共 ${errors.length} 处，详见 errors）`
        : `See errors for each field${first?.place ? ` (first: ${first.place})` : ''}`;
    return problem(400, 'validation_failed', 'The request is not valid', detail, {
      errors: errors.slice(0, MAX_LISTED_ERRORS),
      ...(errors.length > MAX_LISTED_ERRORS ? { moreErrors: errors.length - MAX_LISTED_ERRORS } : {}),
    });
  }
  if (error instanceof BadRequestError) {
    return problem(400, 'validation_failed', 'The request is not valid', error.message, {
      errors: [{ path: error.path, message: error.message }],
    });
  }
  if (error instanceof ImportFileError) {
    return problem(
      error.status,
      error.code,
      IMPORT_FILE_TITLES[error.status],
      lang === 'zh' ? error.zh : error.message,
      {
        ...(error.details ? { details: error.details } : {}),
      },
    );
  }
  if (error instanceof UnauthenticatedError) return problem(401, error.code, 'Authentication required', error.message);
  if (error instanceof RateLimitedError) {
    return problem(429, error.code, 'Too many requests', error.message, { retryAfter: error.retryAfterSeconds });
  }
  if (error instanceof ForbiddenError) return problem(403, error.code, 'Not allowed', error.message);
  if (error instanceof DomainError) {
    const status = DOMAIN_STATUS[error.kind];
    const title = status === 404 ? 'Not found' : status === 409 ? 'Business rule violated' : 'Unprocessable request';
    return problem(status, error.code, title, error.message, error.details ? { details: error.details } : {});
  }
  if (error instanceof PreconditionFailedError) {
    return problem(412, error.code, 'Precondition failed', error.message, { currentVersion: error.actualVersion });
  }
  if (error instanceof ConcurrencyError) {
    return problem(
      409,
      error.code,
      'Busy object',
      'Too many simultaneous changes to this object; nothing was changed, try again',
    );
  }
  // Handlers name the rule a claim stands for; this is the floor for one that does not.
  if (error instanceof ClaimTakenError) return problem(409, error.code, 'Business rule violated', error.message);
  if (error instanceof IdempotencyKeyReusedError)
    return problem(422, error.code, 'Idempotency key reused', error.message);
  if (error instanceof InvalidLogPositionError) {
    return problem(400, 'validation_failed', 'The request is not valid', error.message, {
      errors: [{ path: 'X-Min-Position', message: error.message }],
    });
  }
  if (error instanceof InvalidCursorError) {
    return problem(400, 'validation_failed', 'The request is not valid', error.message, {
      errors: [{ path: 'cursor', message: error.message }],
    });
  }
  if (error instanceof ProjectionsBehindError) {
    return problem(503, error.code, 'Read models are behind', error.message, {
      retryAfter: 1,
      position: error.position,
      projections: error.behind,
    });
  }
  if (error instanceof LogOrderError) {
    return problem(503, error.code, 'The event log cannot take writes', error.message, { retryAfter: 60 });
  }
  if (error instanceof UnknownProjectionError) return problem(404, error.code, 'Not found', error.message);
  if (isDatabaseUnavailable(error)) {
    return problem(
      503,
      'database_unavailable',
      'Database unavailable',
      'The database cannot be reached right now; try again shortly. A write sent with an Idempotency-Key is safe to repeat.',
      { retryAfter: DATABASE_RETRY_AFTER_SECONDS },
    );
  }
  if (error instanceof HttpException) {
    // Nest wraps what Fastify refuses before a route runs (a malformed or oversized body).
    const unreadable = unreadableRequest(error.cause);
    if (unreadable) return unreadable;
    const status = error.getStatus();
    const code = status === 404 ? 'not_found' : `http_${status}`;
    return problem(status, code, error.message);
  }
  const unreadable = unreadableRequest(error);
  if (unreadable) return unreadable;
  return problem(500, 'internal_error', 'Internal error', 'Something went wrong on our side; nothing was changed');
}
