import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { HTTP_TRANSPORT, type HttpTransport } from './http/http-security.module.js';
import { answerClientErrorsAsProblems } from './http/client-errors.js';
import { recordRequestDuration } from './http/request-metrics.js';
import { requestLog } from './http/request-log.js';
import { ROOT_LOGGER } from '#libs/logging';
import type { Logger } from 'pino';
import { setupOpenApi } from './openapi.js';

/**
 * What main.ts and the HTTP tests both need on top of the module: security headers, whom to believe about
 * the client's address, and the body limit. The settings come from the app's HttpSecurityModule.
 */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const transport = app.get<symbol, HttpTransport>(HTTP_TRANSPORT);
  app.use(requestLog(app.get<symbol, Logger>(ROOT_LOGGER)));
  app.use(recordRequestDuration);
  app.set('trust proxy', transport.trustProxy);
  app.useBodyParser('json', { limit: '1mb' });
  // Over plain HTTP, `upgrade-insecure-requests` makes a browser fetch the pages' scripts and styles over
  // https (the docs blank, the audit page unstyled), and HSTS means nothing: both only when served over HTTPS.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { upgradeInsecureRequests: transport.servedOverHttps ? [] : null },
      },
      strictTransportSecurity: transport.servedOverHttps,
    }),
  );
  app.disable('x-powered-by');
  answerClientErrorsAsProblems(app.getHttpServer());
  setupOpenApi(app);
  return app;
}
