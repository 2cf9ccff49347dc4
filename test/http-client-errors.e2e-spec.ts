import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { answerClientError } from '../apps/api/http/client-errors.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** What the server answers on a raw connection to which `request` is written (and nothing more). */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe("What Node's HTTP parser refuses, answered as problem+json", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    // The api's handler for parser errors on a server with short time limits, checked often.
    server = createServer({ headersTimeout: 300, requestTimeout: 300, connectionsCheckingInterval: 50 }, (_, res) =>
      res.end('ok'),
    );
    server.on('clientError', answerClientError);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('should answer a request whose headers never finish with 408, not 400', async () => {
    const answer = await rawExchange(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(answer).toContain('Content-Type: application/problem+json');
    expect(answer).toContain('"type":"/problems/request_timeout"');
  });

  it('should answer a URL past the limit with 414 and a malformed request line with 400', async () => {
    expect(await rawExchange(port, `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`)).toMatch(
      /^HTTP\/1\.1 (414|431) /,
    );
    expect(await rawExchange(port, 'NOT A REQUEST\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  });
});

describe("The api's own server", () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp({ env: { RUN_PROJECTIONS: 'false', RUN_REPORT_SCHEDULER: 'false' } });
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("should answer what Node's parser refuses as problem+json, and keep Node's time limits", async () => {
    const answer = await rawExchange(port, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toContain('"type":"/problems/headers_too_large"');
    const server = t.app.getHttpServer();
    // A body that trickles in is cut off after 5 minutes; an idle kept-alive connection closes after 5 s.
    expect({ requestTimeout: server.requestTimeout, keepAliveTimeout: server.keepAliveTimeout }).toEqual({
      requestTimeout: 300_000,
      keepAliveTimeout: 5_000,
    });
  });
});
