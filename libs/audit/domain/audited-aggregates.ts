import type { ScopedObject } from '#libs/auth';
import { DIAGNOSTIC_STREAM, diagnosticDecider, diagnosticStreamId } from '#libs/diagnostics';
import { ENTERPRISE_STREAM, enterpriseDecider, enterpriseStreamId } from '#libs/enterprises';
import { PROJECT_STREAM, projectDecider, projectStreamId } from '#libs/projects';
import { PROVIDER_STREAM, providerDecider, providerStreamId } from '#libs/providers';

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
    scope: () => null,
  },
  diagnostics: {
    streamType: DIAGNOSTIC_STREAM,
    streamId: diagnosticStreamId,
    ...fold(diagnosticDecider),
    exists: (state) => (state as { status: string }).status !== 'none',
    scope: (state) => state as ScopedObject,
  },
  projects: {
    streamType: PROJECT_STREAM,
    streamId: projectStreamId,
    ...fold(projectDecider),
    exists: (state) => (state as { stage: string }).stage !== 'none',
    scope: (state) => state as ScopedObject,
  },
};
