import { describe, expect, it } from '@jest/globals';
import { fold } from '#libs/event-sourcing';
import { DeciderSpecification } from '#libs/testing';
import { isAccreditedOn, type ProviderEvent, providerDecider, providerFacts } from './provider.js';

const now = new Date('2026-11-28T02:00:00Z');
const context = { now, actorId: 'key-officer' };
const spec = DeciderSpecification(providerDecider);
const admitted: ProviderEvent = {
  type: 'ProviderAdmitted',
  data: { uscc: '91440300708461136T', name: '贵州某数字科技有限公司', types: ['integrator', 'evaluator'] },
};
const accredited: ProviderEvent = {
  type: 'AssessorAccredited',
  data: { assessorId: 'as-001', name: '张工', validUntil: '2027-06-30' },
};
const suspended: ProviderEvent = { type: 'ProviderSuspended', data: { reason: '评测质量问题' } };

describe('ServiceProvider', () => {
  describe('AdmitProvider', () => {
    it('should admit a provider with its types', () =>
      spec
        .given([])
        .when({ type: 'AdmitProvider', data: admitted.data, ...context })
        .then([admitted]));

    it('should refuse a second admission', () =>
      spec
        .given([admitted])
        .when({ type: 'AdmitProvider', data: admitted.data, ...context })
        .thenThrows('provider_already_admitted'));

    it('should refuse a type named twice', () =>
      spec
        .given([])
        .when({ type: 'AdmitProvider', data: { uscc: 'x', name: 'y', types: ['retrofit', 'retrofit'] }, ...context })
        .thenThrows('duplicate_provider_type'));
  });

  describe('AccreditAssessor', () => {
    it('should accredit an assessor until a date', () =>
      spec
        .given([admitted])
        .when({ type: 'AccreditAssessor', data: accredited.data, ...context })
        .then([accredited]));

    it('should refuse on a suspended provider, an unknown one, or an already expired date', () => {
      spec
        .given([admitted, suspended])
        .when({ type: 'AccreditAssessor', data: accredited.data, ...context })
        .thenThrows('provider_suspended');
      spec
        .given([])
        .when({ type: 'AccreditAssessor', data: accredited.data, ...context })
        .thenThrows('provider_not_found');
      spec
        .given([admitted])
        .when({ type: 'AccreditAssessor', data: { assessorId: 'a', name: 'b', validUntil: '2026-01-01' }, ...context })
        .thenThrows('accreditation_expired');
    });
  });

  describe('SuspendProvider', () => {
    it('should suspend once', () => {
      spec
        .given([admitted])
        .when({ type: 'SuspendProvider', data: { reason: '评测质量问题' }, ...context })
        .then([suspended]);
      spec
        .given([admitted, suspended])
        .when({ type: 'SuspendProvider', data: { reason: 'again' }, ...context })
        .thenThrows('provider_suspended');
    });
  });

  describe(isAccreditedOn.name, () => {
    it('should hold up to and including the last valid day, and not for a suspended provider', () => {
      const state = fold(providerDecider, [admitted, accredited]);
      const facts = providerFacts('p-1', state);
      expect(isAccreditedOn(facts, 'as-001', '2027-06-30')).toBe(true);
      expect(isAccreditedOn(facts, 'as-001', '2027-07-01')).toBe(false);
      expect(isAccreditedOn(facts, 'as-002', '2026-12-01')).toBe(false);
      const whenSuspended = providerFacts('p-1', providerDecider.evolve(state, suspended));
      expect(isAccreditedOn(whenSuspended, 'as-001', '2026-12-01')).toBe(false);
    });
  });
});
