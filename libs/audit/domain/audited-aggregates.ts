import type { ScopedObject } from '#libs/auth';
import { DIAGNOSTIC_STREAM, diagnosticDecider, diagnosticStreamId } from '#libs/diagnostics/domain';
import { ENTERPRISE_STREAM, enterpriseDecider, enterpriseStreamId } from '#libs/enterprises/domain';
import { PROJECT_STREAM, projectDecider, projectStreamId } from '#libs/projects/domain';
import { PROVIDER_STREAM, providerDecider, providerStreamId } from '#libs/providers/domain';

export const AGGREGATE_TYPES = ['enterprises', 'providers', 'diagnostics', 'projects'] as const;
export type AggregateType = (typeof AGGREGATE_TYPES)[number];

/** What the history needs of an aggregate: its stream, how to fold it, and where it sits for scopes. */
export interface AuditedAggregate {
  streamType: string;
  streamId(id: string): string;
  initialState(): unknown;
  evolve(state: unknown, event: { type: string; data: Record<string, unknown> }): unknown;
  exists(state: unknown): boolean;
  /** Where the object sits for district, provider and enterprise scopes (null: a provider, not district-bound). */
  scope(state: unknown, id: string): ScopedObject | null;
  /** The problem code and message of an id that names none (or one outside the caller's scope). */
  notFound: { code: string; message: string };
}

type AnyDecider = {
  initialState(): unknown;
  evolve(state: unknown, event: { type: string; data: Record<string, unknown> }): unknown;
};
const fold = (decider: unknown) => decider as AnyDecider;

export const AUDITED_AGGREGATES: Record<AggregateType, AuditedAggregate> = {
  enterprises: {
    streamType: ENTERPRISE_STREAM,
    streamId: enterpriseStreamId,
    ...fold(enterpriseDecider),
    exists: (state) => (state as { status: string }).status !== 'unregistered',
    notFound: { code: 'enterprise_not_found', message: 'No enterprise is registered under this id' },
    scope: (state, id) => ({
      districtCode: (state as { districtCode: string }).districtCode,
      providerId: null,
      enterpriseId: id,
    }),
  },
  providers: {
    streamType: PROVIDER_STREAM,
    streamId: providerStreamId,
    ...fold(providerDecider),
    exists: (state) => (state as { status: string }).status !== 'unknown',
    notFound: { code: 'provider_not_found', message: 'No provider is admitted under this id' },
    scope: () => null,
  },
  diagnostics: {
    streamType: DIAGNOSTIC_STREAM,
    streamId: diagnosticStreamId,
    ...fold(diagnosticDecider),
    exists: (state) => (state as { status: string }).status !== 'none',
    notFound: { code: 'diagnostic_not_found', message: 'No diagnostic exists under this id' },
    scope: (state) => state as ScopedObject,
  },
  projects: {
    streamType: PROJECT_STREAM,
    streamId: projectStreamId,
    ...fold(projectDecider),
    exists: (state) => (state as { stage: string }).stage !== 'none',
    notFound: { code: 'project_not_found', message: 'No project exists under this id' },
    scope: (state) => state as ScopedObject,
  },
};
