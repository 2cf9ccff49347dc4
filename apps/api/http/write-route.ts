import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  HttpCode,
  Injectable,
  type NestInterceptor,
  Post,
  Put,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { ApiResponse } from '@nestjs/swagger';
import type { HttpResponse } from './http-request.js';
import { map, type Observable } from 'rxjs';
import { type Role, Roles } from '#libs/auth';
import type { Principal } from '#libs/auth';
import type { AggregateWrite, WriteOptions, WriteResult } from '#libs/commands';
import { encodeLogPosition } from '#libs/event-store';
import type { WriteContext } from './write-context.js';

const LOCATION = Symbol('write-location');
const ALSO = Symbol('write-also');

type Location<State = unknown> = (result: WriteResult<State>) => string;

/**
 * Turns a command's result into the answer every write gives: `{ id, version, position }` with
 * `ETag: "<version>"`, and for a create 201 with the new object's `Location`.
 */
@Injectable()
export class WriteAnswerInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler<WriteResult>): Observable<unknown> {
    const location = this.reflector.get<Location | undefined>(LOCATION, context.getHandler());
    const also = this.reflector.get<((result: WriteResult) => object) | undefined>(ALSO, context.getHandler());
    const response = context.switchToHttp().getResponse<HttpResponse>();
    return next.handle().pipe(
      map((result) => {
        response.header('ETag', `"${result.version}"`);
        if (location) response.header('Location', location(result));
        return {
          id: result.id,
          version: result.version,
          position: encodeLogPosition(result.position),
          ...also?.(result),
        };
      }),
    );
  }
}

const answer = (status: 200 | 201, description: string) =>
  ApiResponse({ status, description, schema: { $ref: '#/components/schemas/WriteResult' } });

/** A write to an existing object: 200 with `{ id, version, position }` and its ETag. */
export function WriteRoute(method: 'post' | 'put', path: string, ...roles: Role[]) {
  return applyDecorators(
    method === 'post' ? Post(path) : Put(path),
    HttpCode(200),
    Roles(...roles),
    UseInterceptors(WriteAnswerInterceptor),
    answer(200, 'Recorded'),
  );
}

/** A create: 201 with `{ id, version, position }`, its ETag and the new object's `Location`. */
export function CreateRoute<State = unknown>(path: string, location: Location<State>, ...roles: Role[]) {
  return applyDecorators(
    Post(path),
    HttpCode(201),
    Roles(...roles),
    SetMetadata(LOCATION, location),
    UseInterceptors(WriteAnswerInterceptor),
    answer(201, 'Created'),
  );
}

/** Fields a write's answer carries besides `{ id, version, position }` (the id of a part it created). */
export const AnswerAlso = <State>(fields: (result: WriteResult<State>) => object) => SetMetadata(ALSO, fields);

type ResultOf<Write> = Write extends AggregateWrite<{ type: string }, infer State> ? WriteResult<State> : never;

/** Sends a context's write command for a route: the route names the command, this adds who sends it. */
@Injectable()
export class WriteSender {
  constructor(private readonly commands: CommandBus) {}

  send<Write extends AggregateWrite<{ type: string }>>(
    Write: new (
      principal: Principal,
      id: string | undefined,
      command: Write['command'],
      options: WriteOptions,
    ) => Write,
    write: WriteContext,
    id: string | undefined,
    command: NoInfer<Write['command']>,
  ): Promise<ResultOf<Write>> {
    return this.commands.execute(new Write(write.principal, id, command, write.options)) as Promise<ResultOf<Write>>;
  }
}
