import { csvLine } from '#libs/csv';
import type { ReportBody } from '../domain/report-builder.js';
import { footnote, headlineEntries, metaLines, type ReportMeta, reportTitle, toWanYuan } from './format.js';

/** Money columns in 万元, as their headings say; other values as they are. */
const moneyInWanYuan = (value: unknown, format: string | undefined) =>
  format === 'money' && typeof value === 'number' ? toWanYuan(value) : value;

/**
 * The report as one CSV file (RFC 4180, CRLF, UTF-8 with a byte-order mark so spreadsheet programs show the
 * Chinese text): a block per section, its title on a line of its own, then the header and the rows with raw
 * numbers (shares as fractions, money in 万元), blocks separated by an empty line.
 */
export function renderCsv(body: ReportBody, meta: ReportMeta): string {
  const lines: string[] = [
    csvLine([reportTitle(body, meta.variant)]),
    ...metaLines(body, meta).map((l) => csvLine([l])),
    '',
  ];
  lines.push(csvLine(['指标', '值']));
  for (const [label, value] of headlineEntries(body)) lines.push(csvLine([label, value]));
  for (const section of body.sections) {
    lines.push('', csvLine([`# ${section.title}`]));
    lines.push(csvLine(section.columns.map((c) => c.label)));
    for (const row of section.rows) {
      lines.push(csvLine(section.columns.map((c) => moneyInWanYuan(row[c.key], c.format))));
    }
  }
  lines.push('', csvLine([footnote(body, meta)]));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
