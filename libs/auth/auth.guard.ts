import { type CanActivate, type ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeysService } from './api-keys.service.js';
import type { Principal, Role } from './principal.js';

const ROLES = Symbol('roles');
const PUBLIC = Symbol('public');

/** The roles that may call a route (admins may call every route). A route without it is refused: deny by default. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);
/** A route anyone may call (health, docs, the audit page's shell). */
export const Public = () => SetMetadata(PUBLIC, true);

export class UnauthenticatedError extends Error {
  readonly code = 'unauthenticated';
}
export class ForbiddenError extends Error {
  readonly code = 'forbidden';
}

interface RequestWithPrincipal {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

export function declaredRoles(reflector: Reflector, context: ExecutionContext): Role[] | undefined {
  return reflector.getAllAndOverride<Role[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    const header = request.headers['authorization'];
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) throw new UnauthenticatedError('A bearer token is required');
    const principal = await this.apiKeys.authenticate(match[1]);
    if (!principal) throw new UnauthenticatedError('The token is not valid or was revoked');
    request.principal = principal;
    const roles = declaredRoles(this.reflector, context);
    if (!roles) throw new ForbiddenError('This route declares no roles, so nobody may call it');
    if (principal.role !== 'admin' && !roles.includes(principal.role)) {
      throw new ForbiddenError(`The ${principal.role} role may not do this`);
    }
    return true;
  }
}

/** The authenticated caller of the current request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  if (!principal) throw new UnauthenticatedError('A bearer token is required');
  return principal;
});
