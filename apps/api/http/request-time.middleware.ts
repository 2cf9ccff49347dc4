import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { CLOCK, type Clock } from '#libs/clock';
import type { TimedRequest } from './write-context.js';

/** Stamps each request with the service's clock: a write's `now`, and the bound its `occurredAt` is checked against. */
@Injectable()
export class RequestTimeMiddleware implements NestMiddleware {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  use(request: TimedRequest, _response: Response, next: NextFunction): void {
    request.receivedAt = this.clock.now();
    next();
  }
}
