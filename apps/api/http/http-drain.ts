import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * Lets an HTTP server stop without cutting anyone off: it stops taking connections, answers every request it
 * has taken, each with `Connection: close` so that keep-alive clients open their next connection elsewhere,
 * and closes what is left after a bound.
 */
export class HttpDrain {
  private draining = false;

  /** Marks the answers sent while draining. */
  install(fastify: FastifyInstance): void {
    fastify.addHook('onSend', (_request, reply, payload, done) => {
      if (this.draining) void reply.header('Connection', 'close');
      done(null, payload);
    });
  }

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
