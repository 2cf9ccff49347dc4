/**
 * The promise, or a rejection with `error()` once `ms` have passed (the timer cleared either way). The work itself
 * goes on: for a database that stops answering, so that a caller is not held by it.
 */
export function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  error: () => Error = () => new Error(`no answer within ${ms} ms`),
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), Math.max(0, ms));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
