import { describe, it, expect } from '@jest/globals';
import { DeciderSpecification } from '#libs/testing';
import { type EnterpriseEvent, enterpriseDecider } from './enterprise.js';

const now = new Date('2026-11-28T02:00:00Z');
const context = { now, actorId: 'key-officer' };
const spec = DeciderSpecification(enterpriseDecider);
const profile = {
  uscc: '91350100M000100Y43',
  name: '贵州某精密制造有限公司',
  industryCode: 'C34',
  districtCode: '520900',
  parkId: 'gaxq-dz',
};
const registered: EnterpriseEvent = {
  type: 'EnterpriseRegistered',
  data: { ...profile, aboveDesignatedSize: true, statYear: 2026 },
};
const closed: EnterpriseEvent = { type: 'EnterpriseClosed', data: { reason: '注销' } };

describe('Enterprise', () => {
  describe('RegisterEnterprise', () => {
    it('should register a new enterprise for the current statistical year', () =>
      spec
        .given([])
        .when({ type: 'RegisterEnterprise', data: { ...profile, aboveDesignatedSize: true }, ...context })
        .then([registered]));

    it('should refuse a second registration of the same USCC', () =>
      spec
        .given([registered])
        .when({ type: 'RegisterEnterprise', data: { ...profile, aboveDesignatedSize: true }, ...context })
        .thenThrows('enterprise_already_registered'));

    it.each([
      ['invalid_uscc', { uscc: '91350100M000100Y44' }],
      ['invalid_industry_code', { industryCode: 'manufacturing' }],
      ['invalid_district_code', { districtCode: '52' }],
      ['unknown_district', { districtCode: '000000' }],
    ])('should refuse with %s', (code, override) =>
      spec
        .given([])
        .when({ type: 'RegisterEnterprise', data: { ...profile, ...override, aboveDesignatedSize: true }, ...context })
        .thenThrows(code),
    );
  });

  describe('ChangeScaleStatus', () => {
    it('should record leaving the list (退规) for a year', () =>
      spec
        .given([registered])
        .when({ type: 'ChangeScaleStatus', data: { aboveDesignatedSize: false, statYear: 2026 }, ...context })
        .then([
          {
            type: 'EnterpriseScaleStatusChanged',
            data: { aboveDesignatedSize: false, statYear: 2026, effectiveFrom: '2026-11-28', source: 'statistics' },
          },
        ]));

    it('should refuse a change that changes nothing', () =>
      spec
        .given([registered])
        .when({ type: 'ChangeScaleStatus', data: { aboveDesignatedSize: true, statYear: 2026 }, ...context })
        .thenThrows('no_change'));

    it('should refuse an implausible year', () =>
      spec
        .given([registered])
        .when({ type: 'ChangeScaleStatus', data: { aboveDesignatedSize: true, statYear: 2030 }, ...context })
        .thenThrows('invalid_stat_year'));
  });

  describe('MoveToPark', () => {
    it('should move the enterprise and remember where from', () =>
      spec
        .given([registered])
        .when({ type: 'MoveToPark', data: { parkId: 'gaxq-hx' }, ...context })
        .then([
          { type: 'EnterpriseMovedToPark', data: { from: 'gaxq-dz', to: 'gaxq-hx', effectiveFrom: '2026-11-28' } },
        ]));
  });

  describe('CorrectDetails', () => {
    it('should correct a field with its old and new value and the reason', () =>
      spec
        .given([registered])
        .when({
          type: 'CorrectDetails',
          data: { field: 'industryCode', value: 'C39', reason: '行业分类有误' },
          ...context,
        })
        .then([
          {
            type: 'EnterpriseDetailsCorrected',
            data: { field: 'industryCode', old: 'C34', new: 'C39', reason: '行业分类有误' },
          },
        ]));

    it('should apply the correction to the state', () =>
      spec
        .given([registered])
        .when({
          type: 'CorrectDetails',
          data: { field: 'name', value: '贵州某智能制造有限公司', reason: '更名' },
          ...context,
        })
        .thenState((state) => expect(state).toMatchObject({ name: '贵州某智能制造有限公司' })));

    it.each([
      ['invalid_district_code', '5209'],
      ['unknown_district', '000000'],
    ])('should refuse a move to a district with %s', (code, value) =>
      spec
        .given([registered])
        .when({ type: 'CorrectDetails', data: { field: 'districtCode', value, reason: '区划调整' }, ...context })
        .thenThrows(code),
    );
  });

  describe('CloseEnterprise', () => {
    it('should close an active enterprise', () =>
      spec
        .given([registered])
        .when({ type: 'CloseEnterprise', data: { reason: '注销' }, ...context })
        .then([closed]));

    it('should refuse anything on a closed enterprise', () =>
      spec
        .given([registered, closed])
        .when({ type: 'MoveToPark', data: { parkId: 'x' }, ...context })
        .thenThrows('enterprise_closed'));

    it('should answer not found for an enterprise never registered', () =>
      spec
        .given([])
        .when({ type: 'CloseEnterprise', data: { reason: 'x' }, ...context })
        .thenThrows('enterprise_not_found'));
  });
});
