export { API_KEYS_CHANNEL, ApiKeysService } from './api-keys.service.js';
export { AUTH_THROTTLE, type AuthThrottle } from './auth-throttle.js';
export {
  ApiKeyGuard,
  CurrentPrincipal,
  ForbiddenError,
  Public,
  Roles,
  type RouteAccess,
  routeAccess,
  UnauthenticatedError,
} from './auth.guard.js';
export { AuthModule } from './auth.module.js';
export {
  actorOf,
  canSee,
  coversDistrict,
  type Principal,
  type Role,
  ROLES,
  type Scope,
  type ScopedObject,
} from './principal.js';
