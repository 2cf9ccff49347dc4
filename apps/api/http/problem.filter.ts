import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { HttpRequest, HttpResponse } from './http-request.js';
import { langOf } from '#libs/labels';
import { type Problem, toProblem } from './problem.js';

/** The one place errors become HTTP answers: problem+json, never a stack trace or SQL. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<HttpResponse>();
    const request = host.switchToHttp().getRequest<HttpRequest | undefined>();
    // Problems are for the developers of clients too: Chinese details when the request asks for Chinese.
    const accept = request?.headers?.['accept-language'];
    const problem = toProblem(error, accept && /\bzh/i.test(accept) && langOf(accept) === 'zh' ? 'zh' : 'en');
    // An internal error is logged with its stack; a 503 (read models behind, database away) is an expected answer.
    if (problem.status === 500) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    } else if (problem.status === 503) {
      this.logger.warn(problem.detail ?? problem.title);
    }
    sendProblem(response, problem);
  }
}

export function sendProblem(response: HttpResponse, problem: Problem): void {
  if (problem.status === 429 || problem.status === 503) response.header('Retry-After', String(problem['retryAfter']));
  void response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** What Fastify refuses before routing (a path that is not valid percent-encoding): Fastify's `frameworkErrors`. */
export function answerFrameworkError(error: unknown, request: HttpRequest, response: HttpResponse): void {
  void response.header('X-Correlation-Id', request.id);
  sendProblem(response, toProblem(error, 'en'));
}
