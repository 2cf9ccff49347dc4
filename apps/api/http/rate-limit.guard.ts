import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpRequest } from './http-request.js';
import { type AuthThrottle, type Principal, routeAccess } from '#libs/auth';

export const RATE_LIMIT = Symbol('RATE_LIMIT');
const UNLIMITED = 'rate-limit:unlimited';
/** Routes an orchestrator polls (health) and static files: never limited. */
export const Unlimited = () => SetMetadata(UNLIMITED, true);
export interface RateLimit {
  /** Requests per window and API key (per client address on public routes); 0 turns the limit off. */
  limit: number;
  /** Failed authentications per window and client address; 0 turns that limit off. */
  failedAuthentications: number;
  windowMs: number;
}

export class RateLimitedError extends Error {
  readonly code = 'rate_limited';
  constructor(
    readonly retryAfterSeconds: number,
    what = 'this API key',
  ) {
    super(`Too many requests for ${what}; try again in ${retryAfterSeconds} s`);
  }
}

/** How many trackers a limiter keeps: a flood of new addresses must not grow the process without bound. */
const MAX_TRACKED = 50_000;

/** Fixed windows counted in this process, one per tracker (a key id, a client address). */
class FixedWindows {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a request; over the limit, throws instead (and counts nothing, so waiting is enough). */
  take(tracker: string, what: string): void {
    const now = Date.now();
    let window = this.windows.get(tracker);
    if (!window || now - window.startedAt >= this.windowMs) {
      if (this.windows.size >= MAX_TRACKED) this.makeRoom(now);
      window = { startedAt: now, count: 0 };
      this.windows.set(tracker, window);
    }
    if (window.count >= this.limit) {
      throw new RateLimitedError(Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000)), what);
    }
    window.count += 1;
  }

  /** Takes a counted request back (in the window it was counted in). */
  giveBack(tracker: string): void {
    const window = this.windows.get(tracker);
    if (window && window.count > 0) window.count -= 1;
  }

  private nextSweep = 0;

  /** Forgets ended windows (at most ten times a window), then, if still full, the oldest ones. */
  private makeRoom(now: number): void {
    if (now >= this.nextSweep) {
      this.nextSweep = now + this.windowMs / 10;
      for (const [tracker, window] of this.windows) {
        if (now - window.startedAt >= this.windowMs) this.windows.delete(tracker);
      }
    }
    for (const tracker of this.windows.keys()) {
      if (this.windows.size < MAX_TRACKED * 0.9) break;
      this.windows.delete(tracker);
    }
  }
}

/**
 * Fixed-window limits counted in this process: per authenticated API key (its id, however the header spells
 * the token), per client address for failed authentications (stricter, and checked before the database is
 * asked about a token), and per client address on public routes that are not `@Unlimited()`. The client
 * address is Express's `req.ip`, which believes X-Forwarded-For only as far as `TRUST_PROXY` says.
 * The API key guard calls `attempt` and `authenticated` (as the AuthThrottle); as a guard of its own, this
 * limits the public routes only.
 * @nestjs/throttler would do this, but it is CommonJS requiring the ESM-only Nest 12, which Jest cannot load.
 */
@Injectable()
export class ApiKeyRateLimitGuard implements CanActivate, AuthThrottle {
  private readonly perKey: FixedWindows;
  private readonly perAddress: FixedWindows;
  private readonly failures: FixedWindows;

  constructor(
    @Inject(RATE_LIMIT) private readonly settings: RateLimit,
    private readonly reflector: Reflector,
  ) {
    this.perKey = new FixedWindows(settings.limit, settings.windowMs);
    this.perAddress = new FixedWindows(settings.limit, settings.windowMs);
    this.failures = new FixedWindows(settings.failedAuthentications, settings.windowMs);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.settings.limit === 0 || this.unlimited(context)) return true;
    if (!routeAccess(this.reflector, context.getHandler(), context.getClass()).public) return true;
    this.perAddress.take(clientAddress(context), 'this address');
    return true;
  }

  attempt(context: ExecutionContext): { forgive(): void } {
    if (this.settings.failedAuthentications === 0) return { forgive: () => undefined };
    const address = clientAddress(context);
    this.failures.take(address, 'this address (failed authentications)');
    return { forgive: () => this.failures.giveBack(address) };
  }

  authenticated(context: ExecutionContext, principal: Principal): void {
    if (this.settings.limit === 0 || this.unlimited(context)) return;
    this.perKey.take(principal.keyId, 'this API key');
  }

  private unlimited(context: ExecutionContext): boolean {
    return this.reflector.getAllAndOverride<boolean>(UNLIMITED, [context.getHandler(), context.getClass()]) ?? false;
  }
}

/** The client's address; an IPv6 one by its /64, which one client holds whole (no fresh bucket per address). */
function clientAddress(context: ExecutionContext): string {
  const ip = context.switchToHttp().getRequest<HttpRequest>().ip ?? 'unknown';
  if (!ip.includes(':') || ip.startsWith('::ffff:')) return ip;
  const groups = expandIpv6(ip);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : ip;
}

/** The eight groups of an IPv6 address, or null when it is not one. */
function expandIpv6(ip: string): string[] | null {
  const [head = '', tail, more] = ip.split('%')[0]!.split('::');
  if (more !== undefined) return null;
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right];
  return groups.length === 8 ? groups : null;
}
