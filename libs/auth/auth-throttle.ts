import type { ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal.js';

/** Optional: the app's rate limiter, which the API key guard consults while it authenticates. */
export const AUTH_THROTTLE = Symbol('AUTH_THROTTLE');

export interface AuthThrottle {
  /**
   * Before a token is looked up in the database, and before a request without a valid token is refused:
   * counts a failed authentication for the caller's address in advance, and throws (429) instead once that
   * address has failed too often, so a flood of bad tokens costs no lookups. `forgive()` takes the count
   * back when the token turned out valid.
   */
  attempt(context: ExecutionContext): { forgive(): void };
  /** Once the caller is known: throws (429) when its key has used up its share. */
  authenticated(context: ExecutionContext, principal: Principal): void;
}
