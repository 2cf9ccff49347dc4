import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Principal } from '#libs/auth';
import { correlationIdHeader } from './schemas.js';

type LoggedRequest = IncomingMessage & {
  id?: string | number | object;
  route?: { path?: string };
  baseUrl?: string;
  principal?: Principal;
};

/** Probes, polled every few seconds: their lines would drown the rest. */
const QUIET = new Set(['/health/live', '/health/ready']);

/** The route template a request matched (`/v1/enterprises/:id`), never its ids; `unmatched` otherwise. */
export const routeOf = (request: LoggedRequest): string =>
  typeof request.route?.path === 'string' ? `${request.baseUrl ?? ''}${request.route.path}` : 'unmatched';

/**
 * One JSON line per request when it ends: method, route template, path, status, duration, the API key's id
 * (never its token) and the correlation id, which is the client's `X-Correlation-Id` when valid, or made here,
 * and is returned in the `X-Correlation-Id` header (a write's events carry the same id).
 */
export function requestLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (request: IncomingMessage, response: ServerResponse) => {
      const sent = correlationIdHeader.safeParse(request.headers['x-correlation-id']);
      const id = sent.success ? sent.data : randomUUID();
      response.setHeader('X-Correlation-Id', id);
      return id;
    },
    autoLogging: { ignore: (request) => QUIET.has((request.url ?? '').split('?')[0]!) },
    // Only these fields: the headers (Authorization among them) never reach the log.
    serializers: {
      req: (request: LoggedRequest) => ({ method: request.method, path: (request.url ?? '').split('?')[0] }),
      res: (response: ServerResponse) => ({ status: response.statusCode }),
    },
    // Asked again when the response ends; only then are the route and the key known.
    customProps: (request: LoggedRequest, response: ServerResponse) =>
      response.writableFinished ? { route: routeOf(request), keyId: request.principal?.keyId ?? null } : {},
    customLogLevel: (_request, response, error) =>
      error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: (request, response, ms) =>
      `${request.method} ${routeOf(request)} ${response.statusCode} ${Math.round(ms)} ms`,
    customErrorMessage: (request, response) => `${request.method} ${routeOf(request)} ${response.statusCode}`,
    customAttributeKeys: { responseTime: 'durationMs', reqId: 'correlationId', req: 'request', res: 'response' },
    quietReqLogger: true,
  });
}
