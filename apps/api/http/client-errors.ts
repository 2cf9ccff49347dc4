import type { Duplex } from 'node:stream';

const ANSWERS: Record<string, { status: number; reason: string; code: string; title: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'headers_too_large',
    title: 'The request line or its headers are too large',
  },
  HPE_URI_TOO_LONG: { status: 414, reason: 'URI Too Long', code: 'uri_too_long', title: 'The URL is too long' },
  // The request (or its headers) did not arrive within the server's time limits.
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    code: 'request_timeout',
    title: 'The request did not arrive in time',
  },
};
const MALFORMED = { status: 400, reason: 'Bad Request', code: 'malformed_request', title: 'The request is malformed' };

/**
 * What Node's HTTP parser refuses before the framework sees a request (a URL or headers past its limits, a
 * malformed request line) is answered as problem+json too, and the connection closed (Fastify's
 * `clientErrorHandler`).
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // Nothing can be answered on a closed socket, nor after a response on it has begun (a problem written then
  // would land in the middle of that response).
  const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (!socket.writable || error.code === 'ECONNRESET' || answering?.headersSent) {
    socket.destroy();
    return;
  }
  const answer = (error.code && ANSWERS[error.code]) || MALFORMED;
  const body = JSON.stringify({
    type: `/problems/${answer.code}`,
    title: answer.title,
    status: answer.status,
  });
  socket.end(
    `HTTP/1.1 ${answer.status} ${answer.reason}\r\nContent-Type: application/problem+json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
