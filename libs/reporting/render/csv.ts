import type { ReportBody } from '../domain/report-builder.js';
import { headlineEntries, metaLines, type ReportMeta, reportTitle } from './format.js';

const quote = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const line = (cells: readonly (string | number | null | undefined)[]): string =>
  cells.map((cell) => quote(cell === null || cell === undefined ? '' : String(cell))).join(',');

/**
 * The report as one CSV file (RFC 4180, CRLF, UTF-8 with a byte-order mark so spreadsheet programs show the
 * Chinese text): a block per section, its title on a line of its own, then the header and the rows with raw
 * numbers (shares as fractions), blocks separated by an empty line.
 */
export function renderCsv(body: ReportBody, meta: ReportMeta): string {
  const lines: string[] = [line([reportTitle(body, meta.variant)]), ...metaLines(body, meta).map((l) => line([l])), ''];
  lines.push(line(['指标', '值']));
  for (const [label, value] of headlineEntries(body)) lines.push(line([label, value]));
  for (const section of body.sections) {
    lines.push('', line([`# ${section.title}`]));
    lines.push(line(section.columns.map((c) => c.label)));
    for (const row of section.rows) lines.push(line(section.columns.map((c) => row[c.key])));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
