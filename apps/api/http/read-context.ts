import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  Query,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { compareLogPositions, decodeLogPosition, EventStore, LOG_START } from '#libs/event-store';
import { ProjectionWaiter } from '#libs/projections';
import { map, type Observable } from 'rxjs';
import { z } from 'zod';
import { parseHeader } from './headers.js';
import { BadRequestError } from './problem.js';
import { minPositionHeader, safeString } from './schemas.js';
import { ZodValidationPipe } from './zod-validation.pipe.js';

const READS_FROM = Symbol('reads-from');

/** List paging: `?limit=` (default 50, at most 200) and `?cursor=` from the previous page. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: safeString().min(1).max(500).optional(),
};

export const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

@Injectable()
export class MinPositionInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly waiter: ProjectionWaiter,
    private readonly store: EventStore,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request>();
    const value = parseHeader(request, 'X-Min-Position', minPositionHeader);
    if (value !== undefined) {
      const position = decodeLogPosition(value);
      // No write has landed past the head, so waiting for such a position could only time out. The head is read
      // without the log's fence: a write acknowledged to a client is committed, so its position is at most the head.
      if (compareLogPositions(position, (await this.store.head()) ?? LOG_START) > 0) {
        throw new BadRequestError('X-Min-Position', 'X-Min-Position is past the end of the log: no write has it');
      }
      const projections = this.reflector.get<readonly string[]>(READS_FROM, context.getHandler());
      await this.waiter.waitFor(projections, position);
    }
    return next.handle();
  }
}

/**
 * A read served by these projections: with `X-Min-Position` it first waits (up to 5 s, then 503) until they
 * have passed that position, so a client reads its own writes.
 */
export function ReadsFrom(...projections: readonly string[]) {
  return applyDecorators(
    SetMetadata(READS_FROM, projections),
    UseInterceptors(MinPositionInterceptor),
    ApiHeader({
      name: 'X-Min-Position',
      required: false,
      description: "A write's `position`: the answer then reflects at least that write (503 if not within 5 s)",
    }),
    ApiResponse({
      status: 503,
      description: 'The read models did not reach X-Min-Position within 5 s',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    }),
  );
}

/** The query string, validated by a strict zod object (unknown parameters refused) and documented from it. */
export function ZodQuery(schema: z.ZodObject): ParameterDecorator {
  const validate = Query(new ZodValidationPipe(schema));
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, object>;
    required?: string[];
  };
  const documents = Object.entries(json.properties ?? {}).map(([name, property]) =>
    ApiQuery({ name, required: json.required?.includes(name) ?? false, schema: property }),
  );
  return (target, key, index) => {
    validate(target, key, index);
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor) for (const document of documents) document(target, key, descriptor);
  };
}

/** Sets `ETag: "<version>"` from the answer's `version`: an object's detail, now or as of a moment. */
@Injectable()
export class VersionETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler<{ version: number }>): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((answer) => {
        response.setHeader('ETag', `"${answer.version}"`);
        return answer;
      }),
    );
  }
}

/** An object's detail (`GET …/:id`), with its version as the ETag. */
export const Versioned = () => UseInterceptors(VersionETagInterceptor);
