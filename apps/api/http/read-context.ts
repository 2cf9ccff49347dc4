import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  Logger,
  type NestInterceptor,
  Query,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { HttpRequest, HttpResponse } from './http-request.js';
import { compareLogPositions, decodeLogPosition, EventStore, LOG_START } from '#libs/event-store';
import { isDatabaseUnavailable, ReadReplicas, type ReadTarget, readOn } from '#libs/database';
import { ProjectionsBehindError, ProjectionWaiter, READ_YOUR_WRITES_WAIT_MS } from '#libs/projections';
import { catchError, map, type Observable, throwError } from 'rxjs';
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

/** READ_REPLICA_WAIT_MS: how long a read with X-Min-Position waits on a replica before it asks the primary. */
export const READ_REPLICA_WAIT_MS = Symbol('READ_REPLICA_WAIT_MS');

/**
 * A read a replica failed for reasons of its own: it is away or hangs (no connection, no answer in time), or, as a
 * hot standby, it cancelled the query because it conflicted with the replay of the primary's changes (40001, or
 * 40P01 for a buffer-pin deadlock).
 */
function replicaFault(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return isDatabaseUnavailable(error) || code === '40001' || code === '40P01';
}

/**
 * Routes a query to a database: a read replica that is up (round robin), else the primary. With X-Min-Position
 * it first waits until the projections the route reads from have passed that position there: on the replica
 * up to READ_REPLICA_WAIT_MS, then on the primary for the rest of the 5 s (503 after). A read the replica fails
 * (away, hanging past READ_REPLICA_QUERY_TIMEOUT_MS, or cancelled by the replay) is answered by the primary, and
 * the replica is probed at once. With replicas, the answer names its database in `X-Read-From`.
 */
@Injectable()
export class ReadInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Reads');

  constructor(
    private readonly reflector: Reflector,
    private readonly waiter: ProjectionWaiter,
    private readonly store: EventStore,
    private readonly replicas: ReadReplicas,
    @Inject(READ_REPLICA_WAIT_MS) private readonly replicaWaitMs: number,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const response = context.switchToHttp().getResponse<HttpResponse>();
    const projections = this.reflector.get<readonly string[] | undefined>(READS_FROM, context.getHandler());
    const value = projections ? parseHeader(request, 'X-Min-Position', minPositionHeader) : undefined;
    const position = value === undefined ? undefined : decodeLogPosition(value);
    const started = Date.now();
    if (position) {
      // No write has landed past the head, so waiting for such a position could only time out. The head is read
      // without the log's fence: a write acknowledged to a client is committed, so its position is at most the head.
      if (compareLogPositions(position, (await this.store.head()) ?? LOG_START) > 0) {
        throw new BadRequestError('X-Min-Position', 'X-Min-Position is past the end of the log: no write has it');
      }
    }
    if (!this.replicas.configured) {
      if (position) await this.waiter.waitFor(projections!, position);
      return next.handle();
    }
    let target = this.replicas.pick();
    if (target && position) {
      try {
        await this.waiter.waitFor(projections!, position, this.replicaWaitMs, target.database);
      } catch (error) {
        if (!(error instanceof ProjectionsBehindError)) {
          this.replicas.suspect(target);
          this.logger.warn(`${target.name} could not say how far its read models are: ${String(error)}`);
        }
        target = undefined;
      }
    }
    if (!target && position) {
      await this.waiter.waitFor(projections!, position, Math.max(0, READ_YOUR_WRITES_WAIT_MS - (Date.now() - started)));
    }
    return this.serve(target ?? this.replicas.primary, next, response);
  }

  private serve(target: ReadTarget, next: CallHandler, response: HttpResponse): Observable<unknown> {
    response.header('X-Read-From', target.name);
    this.replicas.served(target);
    return readOn(target, () => next.handle()).pipe(
      catchError((error: unknown) => {
        if (target === this.replicas.primary || !replicaFault(error) || response.raw.headersSent) {
          return throwError(() => error);
        }
        // The fault may also have come from the primary (a request routed to a replica reads it too): the probe
        // decides whether the replica is down, and the primary answers either way.
        this.replicas.suspect(target);
        this.logger.warn(`${target.name} failed a read (${String(error)}); the primary answers it`);
        return this.serve(this.replicas.primary, next, response);
      }),
    );
  }
}

/**
 * A read served by these projections, on a read replica when one is up: with `X-Min-Position` it first waits
 * (up to 5 s, then 503) until they have passed that position, so a client reads its own writes.
 */
export function ReadsFrom(...projections: readonly string[]) {
  return applyDecorators(
    SetMetadata(READS_FROM, projections),
    UseInterceptors(ReadInterceptor),
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

/** A read of data no projection writes (stored reports), on a read replica when one is up. */
export const ReadsStored = () => UseInterceptors(ReadInterceptor);

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
    const response = context.switchToHttp().getResponse<HttpResponse>();
    return next.handle().pipe(
      map((answer) => {
        response.header('ETag', `"${answer.version}"`);
        return answer;
      }),
    );
  }
}

/** An object's detail (`GET …/:id`), with its version as the ETag. */
export const Versioned = () => UseInterceptors(VersionETagInterceptor);
