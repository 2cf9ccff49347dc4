import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  Optional,
  SetMetadata,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeysService } from './api-keys.service.js';
import { AUTH_THROTTLE, type AuthThrottle } from './auth-throttle.js';
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

export interface RouteAccess {
  public: boolean;
  /** Undefined when the route declares none: then nobody may call it. */
  roles: Role[] | undefined;
}

/** Who may call a route, as its decorators declare (the guard and the route × role test both read this). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function routeAccess(reflector: Reflector, handler: Function, controller: Function): RouteAccess {
  const targets = [handler, controller];
  return {
    public: reflector.getAllAndOverride<boolean | undefined>(PUBLIC, targets) ?? false,
    roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets),
  };
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    @Optional() @Inject(AUTH_THROTTLE) private readonly throttle?: AuthThrottle,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = routeAccess(this.reflector, context.getHandler(), context.getClass());
    if (access.public) return true;
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    const header = request.headers['authorization'];
    const token = typeof header === 'string' ? /^\s*Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
    // A key known without asking the database (the bootstrap token, a fresh cache entry) passes at once;
    // anything else is a possible failure, counted against the caller's address before any lookup.
    let principal = token ? this.apiKeys.knownPrincipal(token) : null;
    if (!principal) {
      const attempt = token && this.apiKeys.wasRecentlyValid(token) ? undefined : this.throttle?.attempt(context);
      if (!token) throw new UnauthenticatedError('A bearer token is required');
      if (principal === undefined) {
        try {
          principal = await this.apiKeys.authenticate(token);
        } catch (error) {
          attempt?.forgive(); // the database failed (503), not the caller
          throw error;
        }
      }
      if (!principal) throw new UnauthenticatedError('The token is not valid or was revoked');
      attempt?.forgive();
    }
    request.principal = principal;
    this.throttle?.authenticated(context, principal);
    const { roles } = access;
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
