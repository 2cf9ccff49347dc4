/**
 * PostgreSQL's error classes that say the server or the connection is away, not that the statement is wrong:
 * 08 connection exception, 53 insufficient resources (too many connections), 57P operator intervention (the
 * backend was terminated, the server shuts down or is starting), and 25P03 (our idle transaction was ended).
 */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P)|^25P03$/;
/**
 * What Node's sockets, pg and pg-pool say when the server cannot be reached, the connection broke, or the server
 * gave no answer within the pool's `query_timeout` (read replicas have one).
 */
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|Query read timeout|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end/i;

/**
 * True when an error means the database could not be reached or dropped the connection: nothing the caller
 * did wrong, and worth trying again shortly. Requests answer 503; background loops back off and go on.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 4; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NODE_CODES.has(code))) return true;
    if (cause instanceof Error && UNAVAILABLE_MESSAGE.test(cause.message)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}
