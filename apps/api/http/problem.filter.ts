import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { langOf } from '#libs/labels';
import { toProblem } from './problem.js';

/** The one place errors become HTTP answers: problem+json, never a stack trace or SQL. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request | undefined>();
    // Problems are for the developers of clients too: Chinese details when the request asks for Chinese.
    const accept = request?.headers?.['accept-language'];
    const problem = toProblem(error, accept && /\bzh/i.test(accept) && langOf(accept) === 'zh' ? 'zh' : 'en');
    // An internal error is logged with its stack; a 503 (read models behind, database away) is an expected answer.
    if (problem.status === 500) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    } else if (problem.status === 503) {
      this.logger.warn(problem.detail ?? problem.title);
    }
    if (problem.status === 429 || problem.status === 503)
      response.setHeader('Retry-After', String(problem['retryAfter']));
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}
