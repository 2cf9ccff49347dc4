import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { ReportBody, Section } from '../domain/report-builder.js';
import { renderXlsx, sheetNames } from './xlsx.js';

const reportOf = (...sections: Section[]): ReportBody => ({
  kind: 'monthly',
  period: '2026-10',
  periodStart: '2026-10-01',
  periodEnd: '2026-10-31',
  scopeName: '贵安新区',
  districtCode: '520900',
  headline: { aboveSizeFirms: 2, coverageEver: 0.5 },
  sections,
});

const meta = { id: 'r-1', position: '12-3', variant: 'standard' as const, generatedAt: '2026-11-01T00:30:00Z' };

const load = async (buffer: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as never);
  return workbook;
};

describe('the report as an Excel workbook', () => {
  it('should name sheets as Excel allows: 31 characters at most, no []:*?/\\, unique regardless of case', () => {
    const long = '重述变动（期末之后补录、发生在本期内的记录所改变的数字）之外再加几个字';
    const names = sheetNames(['a/b:c*d?[e]\\f', long, long, 'History', '封面', 'Abc', 'aBC', "'quoted'"], ['封面']);

    expect(names[0]).toBe('a_b_c_d__e__f');
    expect(names[1]).toBe(long.slice(0, 31));
    expect(names[2]).toBe(`${long.slice(0, 28)}(2)`);
    expect(names[3]).toBe('History(2)');
    expect(names[4]).toBe('封面(2)');
    expect(names.slice(5)).toEqual(['Abc', 'aBC(2)', 'quoted']);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
  });

  it('should write numbers as numbers (money in 万元, shares as fractions) and text as text, never a formula', async () => {
    const body = reportOf(
      {
        key: 'budget',
        title: '预算执行（已签约对比已批准，万元）',
        columns: [
          { key: 'type', label: '类型代码', format: 'code' },
          { key: 'name', label: '项目类型' },
          { key: 'projects', label: '项目数', format: 'count' },
          { key: 'approved', label: '批准预算', format: 'money' },
          { key: 'share', label: '签约/批准', format: 'percent' },
        ],
        rows: [
          { type: 'x', name: '=1+1', projects: 3, approved: 136_000_000, share: 0.576 },
          { type: 'total', name: '合计', projects: 3, approved: 136_000_000, share: null },
        ],
      },
      { key: 'empty', title: '预算执行（已签约对比已批准，万元）', columns: [{ key: 'a', label: '甲' }], rows: [] },
    );

    const workbook = await load(await renderXlsx(body, meta));

    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '封面',
      '预算执行（已签约对比已批准，万元）',
      '预算执行（已签约对比已批准，万元）(2)',
    ]);
    const sheet = workbook.worksheets[1]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '类型代码',
      '项目类型',
      '项目数',
      '批准预算（万元）',
      '签约/批准',
    ]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const row = sheet.getRow(2);
    expect(row.getCell(2).value).toBe('=1+1');
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(3).value).toBe(3);
    expect(row.getCell(4).value).toBe(13600);
    expect(row.getCell(4).numFmt).toBe('#,##0.00');
    expect(row.getCell(5).value).toBe(0.576);
    expect(row.getCell(5).numFmt).toBe('0.0%');
    expect(sheet.getRow(3).getCell(5).value).toBeNull();
    expect(sheet.getRow(3).font?.bold).toBe(true);

    const cover = workbook.getWorksheet('封面')!;
    const text = cover
      .getSheetValues()
      .flat()
      .filter((v) => v !== undefined && v !== null)
      .map(String);
    expect(text[0]).toBe('贵安新区智改数转进度月报（2026-10）');
    expect(text).toContain('生成时间：2026-11-01 08:30（北京时间）');
    expect(text).toContain('累计诊断覆盖率');
    expect(text.some((t) => t.includes('r-1（日志位置 12-3）'))).toBe(true);
    expect(text).toContain('预算执行（已签约对比已批准，万元） 本期无此类事项。');
  });
});
