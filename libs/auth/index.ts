export { ApiKeysService } from './api-keys.service.js';
export {
  ApiKeyGuard,
  CurrentPrincipal,
  declaredRoles,
  ForbiddenError,
  Public,
  Roles,
  UnauthenticatedError,
} from './auth.guard.js';
export { AuthModule } from './auth.module.js';
export { actorOf, coversDistrict, type Principal, type Role, ROLES, type Scope } from './principal.js';
