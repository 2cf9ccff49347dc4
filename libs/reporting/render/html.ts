import type { Cell, ReportBody, Section } from '../domain/report-builder.js';
import {
  footnote,
  formatCell,
  headlineEntries,
  metaLines,
  printedColumns,
  printedRows,
  type ReportMeta,
  reportTitle,
} from './format.js';

const escape = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const CHART_COLOURS = ['#0b5cad', '#f0a500', '#2e8b57', '#b03a2e'];

export interface Bar {
  label: string;
  values: number[];
}

/** The bars a section's chart draws: its rows without the total row, values scaled to the largest. */
export function chartBars(section: Section): { bars: Bar[]; max: number; percent: boolean } | null {
  const chart = section.chart;
  if (!chart) return null;
  const bars = section.rows
    .filter((row) => row[chart.labelKey] !== '合计' && row[chart.labelKey] !== 'total')
    .map((row) => ({
      label: String(row[chart.labelKey] ?? ''),
      values: chart.valueKeys.map((key) => Number(row[key] ?? 0)),
    }));
  const max = chart.percent ? 1 : Math.max(1, ...bars.flatMap((bar) => bar.values));
  return { bars, max, percent: chart.percent ?? false };
}

function svgChart(section: Section): string {
  const data = chartBars(section);
  if (!data || data.bars.length === 0) return '';
  const keys = section.chart!.valueKeys;
  const labels = keys.map((key) => section.columns.find((c) => c.key === key)?.label ?? key);
  const barHeight = 14;
  const group = barHeight * keys.length + 8;
  const labelWidth = 160;
  const width = 640;
  const plot = width - labelWidth - 70;
  const height = data.bars.length * group + 30;
  const parts: string[] = [];
  data.bars.forEach((bar, i) => {
    const y = i * group;
    parts.push(
      `<text x="${labelWidth - 6}" y="${y + (barHeight * keys.length) / 2 + 4}" text-anchor="end">${escape(bar.label)}</text>`,
    );
    bar.values.forEach((value, j) => {
      const w = Math.max(0, (value / data.max) * plot);
      const shown = data.percent ? `${(value * 100).toFixed(1)}%` : String(value);
      parts.push(
        `<rect x="${labelWidth}" y="${y + j * barHeight}" width="${w.toFixed(1)}" height="${barHeight - 2}" fill="${CHART_COLOURS[j % CHART_COLOURS.length]}"><title>${escape(`${bar.label} ${labels[j]}: ${shown}`)}</title></rect>`,
        `<text x="${(labelWidth + w + 4).toFixed(1)}" y="${y + j * barHeight + barHeight - 3}">${escape(shown)}</text>`,
      );
    });
  });
  const legend = labels
    .map(
      (label, j) =>
        `<rect x="${labelWidth + j * 150}" y="${height - 16}" width="10" height="10" fill="${CHART_COLOURS[j % CHART_COLOURS.length]}"/><text x="${labelWidth + j * 150 + 14}" y="${height - 7}">${escape(label)}</text>`,
    )
    .join('');
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escape(section.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="12">${parts.join('')}${legend}</svg></figure>`;
}

function table(section: Section): string {
  const { rows, omitted } = printedRows(section);
  const columns = printedColumns(section);
  const head = columns.map((c) => `<th scope="col">${escape(c.label)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${columns
          .map((c) => {
            const value: Cell | undefined = row[c.key];
            return `<td${typeof value === 'number' ? ' class="n"' : ''}>${escape(formatCell(value, c))}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  const more = omitted ? `<p class="note">另有 ${omitted} 行未列出，完整数据见 CSV 或 JSON。</p>` : '';
  const empty = rows.length === 0 ? `<p class="note">本期无此类事项。</p>` : '';
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${empty}${more}`;
}

const STYLE = `body{font-family:'Noto Sans SC','PingFang SC','Microsoft YaHei',sans-serif;max-width:70rem;margin:0 auto;padding:1rem;color:#1d2733}
h1{font-size:1.4rem;border-bottom:2px solid #0b5cad}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #cfd6de;padding:.2rem .5rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}.note,.meta{color:#56606b}dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}
dt{color:#56606b}dd{margin:0;font-weight:600}svg text{fill:#1d2733}`;

/** A self-contained HTML page: the headline figures, every section's table, SVG bar charts. */
export function renderHtml(body: ReportBody, meta: ReportMeta): string {
  const title = reportTitle(body, meta.variant);
  const headline = headlineEntries(body)
    .map(([label, value, format]) => `<dt>${escape(label)}</dt><dd>${escape(formatCell(value, { format }))}</dd>`)
    .join('');
  const sections = body.sections
    .map(
      (section) =>
        `<section id="${escape(section.key)}"><h2>${escape(section.title)}</h2>${section.note ? `<p class="note">${escape(section.note)}</p>` : ''}${svgChart(section)}${table(section)}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)}</title><style>${STYLE}</style></head>
<body><h1>${escape(title)}</h1>
${metaLines(body, meta)
  .map((l) => `<p class="meta">${escape(l)}</p>`)
  .join('\n')}
<dl>${headline}</dl>
${sections}
<footer><p class="note">${escape(footnote(body, meta))}</p></footer>
</body></html>
`;
}
