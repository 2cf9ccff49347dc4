import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProjectionSpecification } from '#libs/testing';
import { ENTERPRISE_STREAM, enterpriseStreamId } from '../domain/enterprise.js';
import { enterprisesProjection } from './enterprises.projection.js';

const USCC = '91520900MA6G000010';

describe('enterprises projection', () => {
  let spec: ProjectionSpecification;
  beforeAll(async () => {
    spec = await ProjectionSpecification.for(enterprisesProjection);
  });
  afterAll(async () => {
    await spec?.close();
  });

  it('should keep one row per enterprise with its current profile, scale status and park', async () => {
    await spec.given(enterpriseStreamId(USCC), ENTERPRISE_STREAM, [
      {
        type: 'EnterpriseRegistered',
        occurredAt: new Date('2026-01-05T02:00:00Z'),
        data: {
          uscc: USCC,
          name: '贵州某电子有限公司',
          industryCode: 'C39',
          districtCode: '520900',
          parkId: 'gaxq-dz',
          aboveDesignatedSize: false,
          statYear: 2026,
        },
      },
      {
        type: 'EnterpriseScaleStatusChanged',
        data: { aboveDesignatedSize: true, statYear: 2026, effectiveFrom: '2026-03-01', source: 'statistics' },
      },
    ]);
    await spec.given(enterpriseStreamId(USCC), ENTERPRISE_STREAM, [
      { type: 'EnterpriseMovedToPark', data: { from: 'gaxq-dz', to: 'gaxq-zb', effectiveFrom: '2026-04-01' } },
      {
        type: 'EnterpriseDetailsCorrected',
        data: { field: 'name', old: '贵州某电子有限公司', new: '贵州某电子科技有限公司', reason: '工商变更' },
      },
    ]);

    const rows = await spec.db.selectFrom('rm_enterprises').selectAll().execute();
    expect(rows).toEqual([
      expect.objectContaining({
        id: USCC,
        name: '贵州某电子科技有限公司',
        industry_code: 'C39',
        district_code: '520900',
        park_id: 'gaxq-zb',
        above_designated_size: true,
        status: 'active',
        registered_at: new Date('2026-01-05T02:00:00Z'),
        version: 4,
      }),
    ]);
  });

  it('should mark a closed enterprise closed', async () => {
    await spec.given(enterpriseStreamId(USCC), ENTERPRISE_STREAM, [
      { type: 'EnterpriseClosed', data: { reason: '注销' } },
    ]);
    const row = await spec.db.selectFrom('rm_enterprises').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'closed', version: 5 });
  });
});
