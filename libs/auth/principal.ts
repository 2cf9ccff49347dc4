import type { EventActor } from '#libs/event-store';

export const ROLES = ['admin', 'officer', 'assessor', 'enterprise', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** What a key may reach: districts (officer, viewer), one provider (assessor) or one enterprise. */
export interface Scope {
  districtCodes?: string[];
  providerId?: string;
  enterpriseId?: string;
}

/** The caller, as its API key says; never taken from a request body. */
export interface Principal {
  keyId: string;
  name: string;
  role: Role;
  scope: Scope;
}

export function actorOf(principal: Principal): EventActor {
  const { scope } = principal;
  return {
    userId: principal.keyId,
    role: principal.role,
    orgId: scope.providerId ?? scope.enterpriseId ?? scope.districtCodes?.join(',') ?? null,
  };
}

/** Whether an object in this district is inside the caller's scope (admins see everything). */
export function coversDistrict(principal: Principal, districtCode: string): boolean {
  if (principal.role === 'admin') return true;
  return principal.scope.districtCodes?.includes(districtCode) ?? false;
}

/** Where an object sits, as far as scopes go. */
export interface ScopedObject {
  districtCode: string;
  providerId: string | null;
  enterpriseId: string;
}

/**
 * Whether an object is inside the caller's scope: officers and viewers by district, assessors by the
 * provider assigned to it, enterprises their own. Outside it, the object answers as if it did not exist.
 */
export function canSee(principal: Principal, object: ScopedObject): boolean {
  switch (principal.role) {
    case 'admin':
      return true;
    case 'officer':
    case 'viewer':
      return coversDistrict(principal, object.districtCode);
    case 'assessor':
      return object.providerId !== null && object.providerId === principal.scope.providerId;
    case 'enterprise':
      return object.enterpriseId === principal.scope.enterpriseId;
  }
}
