import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { METRICS_CONTENT_TYPE, metricsText } from './metrics.js';

export const METRICS_PORT = Symbol('METRICS_PORT');
export const METRICS_HOST = Symbol('METRICS_HOST');

/**
 * `/metrics` without a key on a port of its own (`METRICS_PORT`), for a scraper on a private network: the
 * api's own `/metrics` answers only an admin key. Nothing else is served there. `METRICS_HOST` binds it to one
 * address (a private interface, or loopback for a scraper on the same host); unset, every interface.
 */
@Injectable()
export class MetricsServer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: Server | undefined;

  constructor(
    @Inject(METRICS_PORT) private readonly port: number | undefined,
    @Inject(METRICS_HOST) private readonly host: string | undefined,
  ) {}

  /** The port it listens on (the one the system chose for port 0), or null when it is off. */
  get listeningPort(): number | null {
    return (this.server?.address() as AddressInfo | null)?.port ?? null;
  }

  async onModuleInit(): Promise<void> {
    if (this.port === undefined) return;
    const server = createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0];
      if (request.method !== 'GET' || path !== '/metrics') {
        response
          .writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
          .end('Only GET /metrics is served here\n');
        return;
      }
      metricsText().then(
        (text) => response.writeHead(200, { 'Content-Type': METRICS_CONTENT_TYPE }).end(text),
        () => response.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => resolve());
    });
    server.on('error', (error) => this.logger.error(`The metrics port failed: ${error.message}`));
    this.server = server;
    const where = `${this.host ?? 'every interface'}, port ${this.listeningPort}`;
    this.logger.log(`Metrics on ${where} (GET /metrics, no key: keep it on a private network)`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
