import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
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
export const BODY_LIMIT_BYTES = 1024 * 1024;

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
    routerOptions: { ignoreTrailingSlash: true },
    genReqId: correlationIdOf,
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
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
  // Multipart forms are read by the route that takes them (an import's `file`); any other body that is not
  // JSON is left unread for its route (an import's file sent as the body), as if none were sent elsewhere.
  await app.register(fastifyMultipart);
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null));
  setupOpenApi(app);
  return app;
}
