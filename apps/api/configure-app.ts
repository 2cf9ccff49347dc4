import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { setupOpenApi } from './openapi.js';

/** What main.ts and the HTTP tests both need on top of the module: security headers and the body limit. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  app.useBodyParser('json', { limit: '1mb' });
  app.use(helmet());
  app.disable('x-powered-by');
  setupOpenApi(app);
  return app;
}
