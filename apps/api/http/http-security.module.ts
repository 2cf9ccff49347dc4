import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AUTH_THROTTLE } from '#libs/auth';
import type { AppConfig } from '#libs/config';
import { ApiKeyRateLimitGuard, RATE_LIMIT, type RateLimit } from './rate-limit.guard.js';

/** How the app is reached, for `configureApp`'s security headers (whom to believe about the client: `httpAdapter`). */
export const HTTP_TRANSPORT = Symbol('HTTP_TRANSPORT');
export interface HttpTransport {
  servedOverHttps: boolean;
}

/**
 * The rate limits (one limiter, a guard for the public routes and the AuthThrottle the API key guard asks)
 * and the transport settings. Global, so that the AuthModule's guard finds the throttle.
 */
@Global()
@Module({})
export class HttpSecurityModule {
  static forRoot(config: AppConfig): DynamicModule {
    const limits: RateLimit = {
      limit: config.rateLimitPerMinute,
      failedAuthentications: config.authFailuresPerMinute,
      windowMs: 60_000,
    };
    const transport: HttpTransport = { servedOverHttps: config.servedOverHttps };
    return {
      module: HttpSecurityModule,
      providers: [
        { provide: RATE_LIMIT, useValue: limits },
        { provide: HTTP_TRANSPORT, useValue: transport },
        ApiKeyRateLimitGuard,
        { provide: APP_GUARD, useExisting: ApiKeyRateLimitGuard },
        { provide: AUTH_THROTTLE, useExisting: ApiKeyRateLimitGuard },
      ],
      exports: [AUTH_THROTTLE, HTTP_TRANSPORT],
    };
  }
}
