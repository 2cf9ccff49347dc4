import { DomainError } from '#libs/event-sourcing';
import type { Principal } from '#libs/auth';

/** What a caller may read, as query filters take it. */
export type ReadScope =
  | { kind: 'all' }
  | { kind: 'districts'; districtCodes: string[] }
  | { kind: 'provider'; providerId: string }
  | { kind: 'enterprise'; enterpriseId: string };

export function readScope(principal: Principal): ReadScope {
  switch (principal.role) {
    case 'admin':
      return { kind: 'all' };
    case 'officer':
    case 'viewer':
      return { kind: 'districts', districtCodes: principal.scope.districtCodes ?? [] };
    case 'assessor':
      return { kind: 'provider', providerId: principal.scope.providerId ?? '' };
    case 'enterprise':
      return { kind: 'enterprise', enterpriseId: principal.scope.enterpriseId ?? '' };
  }
}

/** Today's date (UTC) as the read models store dates: for overdue flags. */
export const today = (now: Date): string => now.toISOString().slice(0, 10);

/** Whole days from one ISO date to another. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** What the read models do not hold, or hold outside the caller's scope: 404, as if it did not exist. */
export function orNotFound<T>(value: T | null | undefined, code: string, message: string): T {
  if (value === null || value === undefined) throw new DomainError(code, message, 'not_found');
  return value;
}
