import { createHash } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';

export const RATE_LIMIT = Symbol('RATE_LIMIT');
const UNLIMITED = 'rate-limit:unlimited';
/** Routes an orchestrator polls (health): never limited. */
export const Unlimited = () => SetMetadata(UNLIMITED, true);
export interface RateLimit {
  /** Requests per window and API key; 0 turns the limit off. */
  limit: number;
  windowMs: number;
}

export class RateLimitedError extends Error {
  readonly code = 'rate_limited';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests for this API key; try again in ${retryAfterSeconds} s`);
  }
}

/**
 * A fixed-window limit per API key (per address for requests without one), counted in this process.
 * @nestjs/throttler would do this, but it is CommonJS requiring the ESM-only Nest 12, which Jest cannot load.
 */
@Injectable()
export class ApiKeyRateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    @Inject(RATE_LIMIT) private readonly settings: RateLimit,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.settings.limit === 0) return true;
    if (this.reflector.getAllAndOverride<boolean>(UNLIMITED, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const authorization = request.headers.authorization;
    const tracker = authorization ? createHash('sha256').update(authorization).digest('base64url') : `ip:${request.ip}`;
    const now = Date.now();
    let window = this.windows.get(tracker);
    if (!window || now - window.startedAt >= this.settings.windowMs) {
      if (this.windows.size > 10_000) this.forgetExpired(now);
      window = { startedAt: now, count: 0 };
      this.windows.set(tracker, window);
    }
    window.count += 1;
    if (window.count > this.settings.limit) {
      throw new RateLimitedError(Math.max(1, Math.ceil((window.startedAt + this.settings.windowMs - now) / 1000)));
    }
    return true;
  }

  private forgetExpired(now: number): void {
    for (const [tracker, window] of this.windows) {
      if (now - window.startedAt >= this.settings.windowMs) this.windows.delete(tracker);
    }
  }
}
