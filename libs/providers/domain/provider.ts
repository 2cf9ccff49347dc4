import { type CommandContext, type Decider, DomainError } from '#libs/event-sourcing';

export const PROVIDER_STREAM = 'ServiceProvider';
export const providerStreamId = (uscc: string): string => `provider-${uscc}`;

/** 集成服务商, 改造服务商, 牵引单位/链主, 评测机构 (DOMAIN.md glossary). */
export const PROVIDER_TYPES = ['integrator', 'retrofit', 'lead_firm', 'evaluator'] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

export interface Accreditation {
  name: string;
  validUntil: string;
}

export type ProviderEvent =
  | { type: 'ProviderAdmitted'; data: { uscc: string; name: string; types: ProviderType[] } }
  | { type: 'AssessorAccredited'; data: { assessorId: string; name: string; validUntil: string } }
  | { type: 'ProviderSuspended'; data: { reason: string } };

export type ProviderCommand = CommandContext &
  (
    | { type: 'AdmitProvider'; data: { uscc: string; name: string; types: ProviderType[] } }
    | { type: 'AccreditAssessor'; data: { assessorId: string; name: string; validUntil: string } }
    | { type: 'SuspendProvider'; data: { reason: string } }
  );

export type ProviderState =
  | { status: 'unknown' }
  | {
      status: 'admitted' | 'suspended';
      uscc: string;
      name: string;
      types: ProviderType[];
      assessors: Record<string, Accreditation>;
    };

function existing(state: ProviderState) {
  if (state.status === 'unknown')
    throw new DomainError('provider_not_found', 'No provider is admitted under this id', 'not_found');
  return state;
}

/** What another aggregate's decision needs to know of a provider: admitted, and until when each assessor is accredited. */
export interface ProviderFacts {
  providerId: string;
  admitted: boolean;
  accreditedUntil: Record<string, string>;
}

export function providerFacts(providerId: string, state: ProviderState): ProviderFacts {
  return {
    providerId,
    admitted: state.status === 'admitted',
    accreditedUntil:
      state.status === 'unknown'
        ? {}
        : Object.fromEntries(Object.entries(state.assessors).map(([id, a]) => [id, a.validUntil])),
  };
}

/** Invariant 2: an assessor may survey only while the provider is admitted and the accreditation valid that day. */
export function isAccreditedOn(provider: ProviderFacts, assessorId: string, date: string): boolean {
  const until = provider.accreditedUntil[assessorId];
  return provider.admitted && until !== undefined && until >= date;
}

export const providerDecider: Decider<ProviderCommand, ProviderState, ProviderEvent> = {
  initialState: () => ({ status: 'unknown' }),

  decide(command, state) {
    switch (command.type) {
      case 'AdmitProvider':
        if (state.status !== 'unknown') {
          throw new DomainError('provider_already_admitted', `A provider with USCC ${command.data.uscc} is admitted`);
        }
        if (new Set(command.data.types).size !== command.data.types.length) {
          throw new DomainError('duplicate_provider_type', 'Each provider type may be named once', 'invalid');
        }
        return [{ type: 'ProviderAdmitted', data: command.data }];
      case 'AccreditAssessor': {
        const provider = existing(state);
        if (provider.status === 'suspended') {
          throw new DomainError('provider_suspended', 'A suspended provider cannot accredit assessors');
        }
        if (command.data.validUntil < command.now.toISOString().slice(0, 10)) {
          throw new DomainError('accreditation_expired', 'The accreditation would already have expired', 'invalid');
        }
        return [{ type: 'AssessorAccredited', data: command.data }];
      }
      case 'SuspendProvider':
        if (existing(state).status === 'suspended') {
          throw new DomainError('provider_suspended', 'The provider is suspended already');
        }
        return [{ type: 'ProviderSuspended', data: command.data }];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ProviderAdmitted':
        return { status: 'admitted', ...event.data, assessors: {} };
      case 'AssessorAccredited':
        if (state.status === 'unknown') return state;
        return {
          ...state,
          assessors: {
            ...state.assessors,
            [event.data.assessorId]: { name: event.data.name, validUntil: event.data.validUntil },
          },
        };
      case 'ProviderSuspended':
        return state.status === 'unknown' ? state : { ...state, status: 'suspended' };
    }
  },
};

/**
 * The district a provider is registered in: the GB/T 2260 code of the authority that issued its USCC (the
 * third to eighth characters). Admins, and the officers of that district, maintain the provider.
 */
export const registeredDistrict = (uscc: string): string => uscc.slice(2, 8);
