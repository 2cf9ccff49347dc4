import type { Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/**
 * Lets an HTTP server stop without cutting anyone off: it stops taking connections, answers every request it
 * has taken, each with `Connection: close` so that keep-alive clients open their next connection elsewhere,
 * and closes what is left after a bound.
 */
export class HttpDrain {
  private draining = false;

  /** Installed before the routes: marks answers sent while draining. */
  readonly middleware = (_request: Request, response: Response, next: NextFunction): void => {
    const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => Response;
    response.writeHead = ((...args: unknown[]) => {
      if (this.draining && !response.headersSent) response.setHeader('Connection', 'close');
      return writeHead(...args);
    }) as Response['writeHead'];
    next();
  };

  /** Resolves when every connection has ended, or after `timeoutMs` with the rest closed. */
  async drain(server: Server, timeoutMs: number): Promise<void> {
    this.draining = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => server.close(() => resolve())),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
    server.closeAllConnections();
  }
}
