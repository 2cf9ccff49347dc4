import { describe, expect, it } from '@jest/globals';
import type { ReportBody } from '../domain/report-builder.js';
import { renderCsv } from './csv.js';

describe('the report as CSV', () => {
  it('should neutralise park ids and provider names that a spreadsheet would read as formulas', () => {
    const body = {
      kind: 'monthly',
      period: '2026-10',
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      scopeName: '贵安新区',
      districtCode: '520900',
      headline: { projects: 1 },
      sections: [
        {
          key: 'providers',
          title: '服务商',
          columns: [
            { key: 'park', label: '园区', format: 'text' },
            { key: 'name', label: '服务商', format: 'text' },
            { key: 'change', label: '变化', format: 'percent' },
          ],
          rows: [{ park: '=1+1', name: "=cmd|' /C calc'!A0", change: -0.18 }],
        },
      ],
    } as unknown as ReportBody;

    const csv = renderCsv(body, { id: 'r-1', position: 'p', variant: 'standard', generatedAt: 'now' });

    const row = csv.split('\r\n').find((line) => line.includes('1+1'))!;
    expect(row).toBe("'=1+1,'=cmd|' /C calc'!A0,-0.18");
  });
});
