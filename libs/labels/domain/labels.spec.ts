import { describe, expect, it } from '@jest/globals';
import { ROLES } from '#libs/auth';
import {
  DIAGNOSTIC_KINDS,
  DIAGNOSTIC_STATUSES,
  RECOMMENDATION_STATUSES,
  WITHDRAWAL_REASONS,
} from '#libs/diagnostics/domain';
import { DEMONSTRATION_LEVELS, PROJECT_STAGES, PROJECT_TYPES } from '#libs/projects/domain';
import { INDUSTRIES } from '../../demo-data/demo-plan.js';
import {
  ENUM_NAMES,
  EVENT_TYPE_NAMES,
  enumName,
  eventTypeName,
  fieldName,
  industryName,
  INDUSTRY_DIVISIONS,
  LANGS,
  langOf,
} from './labels.js';

const ENUMS = {
  enterpriseStatus: ['active', 'closed'],
  priority: ['high', 'medium', 'low'],
  projectStage: PROJECT_STAGES,
  projectType: PROJECT_TYPES,
  demonstrationLevel: DEMONSTRATION_LEVELS,
  diagnosticStatus: DIAGNOSTIC_STATUSES,
  diagnosticKind: DIAGNOSTIC_KINDS,
  withdrawalReason: WITHDRAWAL_REASONS,
  recommendationStatus: RECOMMENDATION_STATUSES,
  role: ROLES,
} as const;

describe('the label catalogue', () => {
  it('should name every value of every enumeration in both languages', () => {
    expect(Object.keys(ENUM_NAMES).sort()).toEqual(Object.keys(ENUMS).sort());
    for (const [kind, values] of Object.entries(ENUMS)) {
      for (const value of values) {
        for (const lang of LANGS) {
          expect([kind, value, enumName(kind as keyof typeof ENUMS, value, lang)]).not.toEqual([kind, value, '']);
        }
        // Chinese names are Chinese: never the code itself.
        expect(enumName(kind as keyof typeof ENUMS, value, 'zh')).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('should name every event type in both languages', () => {
    for (const [type, names] of Object.entries(EVENT_TYPE_NAMES)) {
      expect(names.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(names.en).toMatch(/^[A-Z][A-Za-z-]* [a-z]/);
      expect(eventTypeName(type, 'en')).toBe(names.en);
    }
    expect(eventTypeName('SomethingNewer')).toBe('SomethingNewer');
  });

  it('should name the GB/T 4754 division of any code, and every industry of the demo data', () => {
    expect(industryName('C3911')).toBe('计算机、通信和其他电子设备制造业');
    expect(industryName('C39', 'en')).toBe('Computers, communication and other electronic equipment');
    expect(industryName('39')).toBe(industryName('C39'));
    expect(industryName('C99')).toBeNull();
    for (const code of INDUSTRIES) expect(industryName(code)).not.toBeNull();
    for (const names of Object.values(INDUSTRY_DIVISIONS)) expect(names.zh).toMatch(/[业动]$/);
  });

  it('should name a field path by its longest known prefix, and keep an unknown one', () => {
    expect(fieldName('points.F4')).toBe('指标得分 F4');
    expect(fieldName('result.baseScore')).toBe('基础分');
    expect(fieldName('result.dimensionScores.D1', 'en')).toBe('dimension score D1');
    expect(fieldName('somethingNew.x')).toBe('somethingNew.x');
    expect(fieldName('recommendations[0]')).toBe('改造建议 1');
  });

  it('should read the language from Accept-Language, Chinese by default', () => {
    expect(langOf(undefined)).toBe('zh');
    expect(langOf('en-US,en;q=0.9')).toBe('en');
    expect(langOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(langOf('fr, en;q=0.5')).toBe('en');
    expect(langOf('en;q=0, zh')).toBe('zh');
    expect(langOf('de')).toBe('zh');
  });
});
