import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { CLOCK, type Clock } from '#libs/clock';
import type { AppConfig } from '#libs/config';
import { ROOT_LOGGER } from '#libs/logging';
import { answerClientError } from './http/client-errors.js';
import { HTTP_TRANSPORT, type HttpTransport } from './http/http-security.module.js';
import { answerFrameworkError } from './http/problem.filter.js';
import { correlationIdOf, observeRequests } from './http/request-log.js';
import { setupOpenApi } from './openapi.js';

/** A request body may be at most 1 MB (an import's file: 10 MB, read by its route). */
const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The HTTP server: Fastify, with the body limit, whom to believe about the client's address (`TRUST_PROXY`),
 * routes matched with or without a trailing slash, the correlation id as the request's id, and what Node's parser
 * refuses answered as problem+json.
 */
export function httpAdapter({ trustProxy }: Pick<AppConfig, 'trustProxy'>): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // A number of hops as Express counted them (Fastify refuses a bare count: it cannot check the nearest peer).
    trustProxy: typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy,
    // A path parameter as long as Express took (an over-long id is then the route's 400, not the router's 414).
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2048 },
    // Node's own limits, as under Express: a request body must arrive within 5 minutes, an idle connection
    // closes after 5 s.
    requestTimeout: 300_000,
    keepAliveTimeout: 5_000,
    genReqId: correlationIdOf,
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
  });
}

/**
 * JSON bodies as Express's JSON parser read them: a body with none is `undefined` (a command without a body sent
 * with the header), a charset other than UTF-8 is refused (415), the rest is Fastify's parser (prototype
 * poisoning refused).
 */
function acceptJsonBodies(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
    if (charset && !/^utf-?8$/i.test(charset)) {
      done(Object.assign(new Error(`charset ${charset}`), { statusCode: 415 }));
    } else if (body === '') done(null, undefined);
    else void parse(request, body as string, done);
  });
}

/**
 * What main.ts and the HTTP tests both need on top of the module: the request hooks (clock, correlation id,
 * log line, metrics), security headers, bodies the routes read themselves (files), and the API documentation.
 */
export async function configureApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  const transport = app.get<symbol, HttpTransport>(HTTP_TRANSPORT);
  const fastify = app.getHttpAdapter().getInstance();
  observeRequests(fastify, app.get<symbol, Logger>(ROOT_LOGGER), app.get<symbol, Clock>(CLOCK));
  // Over plain HTTP, `upgrade-insecure-requests` makes a browser fetch the pages' scripts and styles over
  // https (the docs blank, the audit page unstyled), and HSTS means nothing: both only when served over HTTPS.
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: { upgradeInsecureRequests: transport.servedOverHttps ? [] : null },
    },
    strictTransportSecurity: transport.servedOverHttps,
  });
  // Only JSON is read for the routes (UTF-8; an empty body is no body). Multipart forms are read by the route
  // that takes them (an import's `file`); any other body is left unread for its route (an import's file sent
  // as the body), as if none were sent elsewhere.
  acceptJsonBodies(fastify);
  await app.register(fastifyMultipart);
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null));
  setupOpenApi(app);
  return app;
}
