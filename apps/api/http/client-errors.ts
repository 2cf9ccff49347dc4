import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

const ANSWERS: Record<string, { status: number; reason: string; code: string; title: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'headers_too_large',
    title: 'The request line or its headers are too large',
  },
  HPE_URI_TOO_LONG: { status: 414, reason: 'URI Too Long', code: 'uri_too_long', title: 'The URL is too long' },
};
const MALFORMED = { status: 400, reason: 'Bad Request', code: 'malformed_request', title: 'The request is malformed' };

/**
 * What Node's HTTP parser refuses before the framework sees a request (a URL or headers past its limits, a
 * malformed request line) is answered as problem+json too, and the connection closed.
 */
export function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || (error.code === 'ECONNRESET' && socket.destroyed)) {
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
  });
}
