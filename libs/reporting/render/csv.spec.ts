import { describe, expect, it } from '@jest/globals';
import type { ReportBody, Section } from '../domain/report-builder.js';
import { renderCsv } from './csv.js';
import { formatCell } from './format.js';

/** A monthly report of one section (the dates are the report's own, not the clock's). */
const reportOf = (section: Pick<Section, 'key' | 'title' | 'columns' | 'rows'>): ReportBody =>
  ({
    kind: 'monthly',
    period: '2026-10',
    periodStart: '2026-10-01',
    periodEnd: '2026-10-31',
    scopeName: '贵安新区',
    districtCode: '520900',
    headline: {},
    sections: [section],
  }) as unknown as ReportBody;

const meta = (generatedAt: string) => ({ id: 'r-1', position: 'p', variant: 'standard' as const, generatedAt });

describe('the report as CSV', () => {
  it('should neutralise park ids and provider names that a spreadsheet would read as formulas', () => {
    const body = reportOf({
      key: 'providers',
      title: '服务商',
      columns: [
        { key: 'park', label: '园区', format: 'text' },
        { key: 'name', label: '服务商', format: 'text' },
        { key: 'change', label: '变化', format: 'percent' },
      ],
      rows: [{ park: '=1+1', name: "=cmd|' /C calc'!A0", change: -0.18 }],
    } as never);

    const row = renderCsv(body, meta('2026-11-01T00:00:00Z'))
      .split('\r\n')
      .find((line) => line.includes('1+1'))!;
    expect(row).toBe("'=1+1,'=cmd|' /C calc'!A0,-0.18");
  });

  it('should show money in 万元 and the generation time in Beijing time', () => {
    const body = reportOf({
      key: 'budget',
      title: '预算执行（万元）',
      columns: [
        { key: 'stage', label: '阶段', format: 'text' },
        { key: 'approved', label: '批准预算', format: 'money' },
      ],
      rows: [{ stage: '已批准', approved: 136_000_000 }],
    } as never);

    const csv = renderCsv(body, meta('2026-11-01T00:30:00Z'));

    expect(csv).toContain('已批准,13600\r\n');
    expect(csv).toContain('生成时间：2026-11-01 08:30（北京时间）');
    expect(formatCell(136_000_000, { format: 'money' })).toBe('13600.00');
  });
});
