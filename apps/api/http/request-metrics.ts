import type { NextFunction, Request, Response } from 'express';
import { httpRequestDuration } from '#libs/metrics';

/**
 * Times every request into `tracker_http_request_duration_seconds` by method, route template and status. The
 * route is the template Express matched (`/v1/enterprises/:id`), never the raw path, so that the series stay
 * few; what matched no route (a 404, the static pages) is `unmatched`.
 */
export function recordRequestDuration(request: Request, response: Response, next: NextFunction): void {
  const stop = httpRequestDuration.startTimer();
  response.once('finish', () => {
    const route = (request.route as { path?: unknown } | undefined)?.path;
    stop({
      method: request.method,
      route: typeof route === 'string' ? `${request.baseUrl}${route}` : 'unmatched',
      status: String(response.statusCode),
    });
  });
  next();
}
