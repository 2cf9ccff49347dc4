import ExcelJS from 'exceljs';
import type { Cell, Column, ReportBody, Section } from '../domain/report-builder.js';
import { footnote, headlineEntries, metaLines, type ReportMeta, reportTitle, toWanYuan } from './format.js';

/** Excel's own limits on a sheet's name: 31 characters, none of these, no quote at either end. */
const SHEET_NAME_MAX = 31;
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;
export const COVER_SHEET = '封面';

/** How each kind of column's numbers show; values stay numbers (shares as fractions, money in 万元). */
const NUMBER_FORMATS: Partial<Record<NonNullable<Column['format']>, string>> = {
  percent: '0.0%',
  count: '#,##0',
  money: '#,##0.00',
  code: '@',
};

const numFmtOf = (format: Column['format']): string | undefined => (format ? NUMBER_FORMATS[format] : undefined);

/** Fonts given in full: a font without a name or size shows differently from one spreadsheet program to another. */
const FONT = { name: 'Calibri', family: 2, size: 11 } as const;
const BOLD = { ...FONT, bold: true };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
const GREY = { ...FONT, color: { argb: 'FF56606B' } };

/**
 * Sheet names Excel accepts, in order: forbidden characters replaced, at most 31 characters (UTF-16 units, a
 * character never cut in half), unique regardless of case (a repeated name gets `(2)`, `(3)`… within the 31).
 * `taken` holds the names already used (the cover's, say).
 */
export function sheetNames(titles: readonly string[], taken: readonly string[] = []): string[] {
  const used = new Set(taken.map((name) => name.toLowerCase()));
  const cut = (value: string, max: number) => {
    let out = '';
    for (const char of value) {
      if (out.length + char.length > max) break;
      out += char;
    }
    return out;
  };
  return titles.map((title) => {
    const clean =
      title
        .replace(SHEET_NAME_FORBIDDEN, '_')
        .replace(/^'+|'+$/g, '')
        .trim() || 'Sheet';
    let name = cut(clean, SHEET_NAME_MAX).trim();
    for (let n = 2; used.has(name.toLowerCase()) || name.toLowerCase() === 'history'; n++) {
      const suffix = `(${n})`;
      name = `${cut(clean, SHEET_NAME_MAX - suffix.length).trim()}${suffix}`;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** A money column's heading says 万元, as the printed reports' section titles do. */
const headerLabel = (column: Column): string =>
  column.format === 'money' && !column.label.includes('万元') ? `${column.label}（万元）` : column.label;

/** The cell as written: money in 万元, everything else as the report holds it, nothing for a missing value. */
function cellValue(value: Cell | undefined, column: Column): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  if (column.format === 'money' && typeof value === 'number') return toWanYuan(value);
  return value;
}

/** How wide a value shows, Chinese characters counting double, as a column width in characters. */
function displayWidth(value: string | number | null | undefined, format: Column['format']): number {
  if (value === null || value === undefined) return 0;
  const text =
    typeof value === 'number'
      ? format === 'percent'
        ? `${(value * 100).toFixed(1)}%`
        : format === 'money'
          ? value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
          : value.toLocaleString('en-US')
      : String(value);
  let width = 0;
  for (const char of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ||
      char.length > 1
        ? 2
        : 1;
  return width;
}

const widthOf = (values: readonly (string | number | null | undefined)[], format: Column['format']) =>
  Math.min(60, Math.max(8, ...values.map((value) => displayWidth(value, format) + 2)));

function sectionSheet(workbook: ExcelJS.Workbook, name: string, section: Section): void {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
    },
  });
  const rows = section.rows.map((row) => section.columns.map((column) => cellValue(row[column.key], column)));
  sheet.columns = section.columns.map((column, i) => ({
    key: column.key,
    width: widthOf([headerLabel(column), ...rows.map((row) => row[i])], column.format),
    style: numFmtOf(column.format) ? { numFmt: numFmtOf(column.format)! } : {},
  }));
  const header = sheet.addRow(section.columns.map(headerLabel));
  header.font = BOLD;
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.numFmt = 'General';
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  for (const values of rows) {
    const row = sheet.addRow(values);
    if (values.some((value) => value === '合计')) row.font = BOLD;
  }
  if (section.columns.length > 0 && rows.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: section.columns.length } };
  }
}

/**
 * The report as an Excel workbook: a cover sheet (封面) with the title, the meta lines, the headline figures,
 * a list of the sheets with each section's note, and the footnote with the report id and log position; then
 * one sheet per section, all its rows and the same columns as the CSV (codes included), a bold frozen header
 * and numbers as numbers (shares as fractions shown as percentages, money in 万元). Only values are written,
 * never a formula: a name beginning with `=` stays text.
 */
export async function renderXlsx(body: ReportBody, meta: ReportMeta): Promise<Buffer> {
  const title = reportTitle(body, meta.variant);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '智改数转进度跟踪';
  workbook.title = title;
  workbook.created = workbook.modified = new Date(meta.generatedAt);

  const names = sheetNames(
    body.sections.map((section) => section.title),
    [COVER_SHEET],
  );
  const cover = workbook.addWorksheet(COVER_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  cover.columns = [{ width: 44 }, { width: 14 }, { width: 70 }];
  const titleRow = cover.addRow([title]);
  titleRow.font = { ...FONT, bold: true, size: 15, color: { argb: 'FF0B5CAD' } };
  for (const line of metaLines(body, meta)) cover.addRow([line]).font = GREY;
  cover.addRow([]);
  cover.addRow(['指标', '值']).font = BOLD;
  for (const [label, value, format] of headlineEntries(body)) {
    const row = cover.addRow([label, value]);
    const numFmt = numFmtOf(format);
    if (numFmt) row.getCell(2).numFmt = numFmt;
  }
  cover.addRow([]);
  // The sheets in order, each with its section's full title (a sheet's name may be cut short) and its note.
  cover.addRow(['工作表', '行数', '说明']).font = BOLD;
  body.sections.forEach((section, i) => {
    const about = [
      names[i] === section.title ? null : section.title,
      section.note,
      section.rows.length === 0 ? '本期无此类事项。' : null,
    ].filter(Boolean);
    const row = cover.addRow([names[i], section.rows.length, about.length ? about.join(' ') : null]);
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
  });
  cover.addRow([]);
  cover.addRow([footnote(body, meta)]).font = GREY;

  body.sections.forEach((section, i) => sectionSheet(workbook, names[i]!, section));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
