import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { httpRequestDuration } from '#libs/metrics';
import type { Clock } from '#libs/clock';
import { correlationIdHeader } from './schemas.js';
import './http-request.js';

/** Probes, polled every few seconds: their lines would drown the rest. */
const QUIET = new Set(['/health/live', '/health/ready']);

/** The route template a request matched (`/v1/enterprises/:id`), never its ids; `unmatched` otherwise. */
const routeOf = (request: FastifyRequest): string => request.routeOptions.url ?? 'unmatched';

/**
 * A request's id, and so its correlation id: the client's `X-Correlation-Id` when valid, or made here (Fastify's
 * `genReqId`). It is returned in the `X-Correlation-Id` header, and a write's events carry it.
 */
export function correlationIdOf(request: IncomingMessage): string {
  const sent = correlationIdHeader.safeParse(request.headers['x-correlation-id']);
  return sent.success ? sent.data : randomUUID();
}

/**
 * What every request goes through besides its route, as Fastify hooks: it is stamped with the service's clock
 * (`receivedAt`) and answered with its correlation id; when it ends, it is timed into
 * `tracker_http_request_duration_seconds` (by method, route template and status, so that the series stay few)
 * and logged as one JSON line: method, route template, path, status, duration, the API key's id (never its
 * token, nor any header) and the correlation id.
 */
export function observeRequests(fastify: FastifyInstance, logger: Logger, clock: Clock): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    request.receivedAt = clock.now();
    void reply.header('X-Correlation-Id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = routeOf(request);
    const status = reply.statusCode;
    httpRequestDuration.observe({ method: request.method, route, status: String(status) }, reply.elapsedTime / 1000);
    const durationMs = Math.round(reply.elapsedTime);
    const path = request.url.split('?')[0]!;
    if (!QUIET.has(path)) {
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      logger[level](
        {
          correlationId: request.id,
          route,
          keyId: request.principal?.keyId ?? null,
          request: { method: request.method, path },
          response: { status },
          durationMs,
        },
        `${request.method} ${route} ${status} ${durationMs} ms`,
      );
    }
    done();
  });
}
