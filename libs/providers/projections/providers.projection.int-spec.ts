import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProjectionSpecification } from '#libs/testing';
import { PROVIDER_STREAM, providerStreamId } from '../domain/provider.js';
import { providersProjection } from './providers.projection.js';

const USCC = '91520900MA6P000011';

describe('providers projection', () => {
  let spec: ProjectionSpecification;
  beforeAll(async () => {
    spec = await ProjectionSpecification.for(providersProjection);
  });
  afterAll(async () => {
    await spec?.close();
  });

  it('should list the provider with its accredited assessors and status', async () => {
    await spec.given(providerStreamId(USCC), PROVIDER_STREAM, [
      { type: 'ProviderAdmitted', data: { uscc: USCC, name: '贵州某数字科技', types: ['evaluator', 'integrator'] } },
      { type: 'AssessorAccredited', data: { assessorId: 'as-1', name: '张工', validUntil: '2027-12-31' } },
      { type: 'AssessorAccredited', data: { assessorId: 'as-1', name: '张工', validUntil: '2028-12-31' } },
      { type: 'AssessorAccredited', data: { assessorId: 'as-2', name: '李工', validUntil: '2026-06-30' } },
    ]);
    await spec.given(providerStreamId(USCC), PROVIDER_STREAM, [
      { type: 'ProviderSuspended', data: { reason: '违规' } },
    ]);

    const rows = await spec.db.selectFrom('rm_providers').selectAll().execute();
    expect(rows).toEqual([
      expect.objectContaining({
        id: USCC,
        name: '贵州某数字科技',
        status: 'suspended',
        types: ['evaluator', 'integrator'],
        assessors: [
          { assessorId: 'as-1', name: '张工', validUntil: '2028-12-31' },
          { assessorId: 'as-2', name: '李工', validUntil: '2026-06-30' },
        ],
        version: 5,
      }),
    ]);
  });
});
