import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { ReportBody, Section } from '../domain/report-builder.js';
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
import { CHART_COLOURS, chartBars } from './html.js';

/** Noto Sans SC (SIL Open Font License) from its npm package; pdfkit embeds only the glyphs a report uses. */
const CJK_FONT = createRequire(import.meta.url).resolve(
  '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
);

const MARGIN = 40;

function ensureRoom(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

const BAR_HEIGHT = 9;

/** The height of a section's chart (0 without one). */
function chartHeight(section: Section): number {
  const data = chartBars(section);
  if (!data || data.bars.length === 0) return 0;
  return data.bars.length * (BAR_HEIGHT * section.chart!.valueKeys.length + 4) + 24;
}

function drawChart(doc: PDFKit.PDFDocument, section: Section): void {
  const data = chartBars(section);
  if (!data || data.bars.length === 0) return;
  const keys = section.chart!.valueKeys;
  const barHeight = BAR_HEIGHT;
  const group = barHeight * keys.length + 4;
  const labelWidth = 130;
  const left = MARGIN;
  const plot = doc.page.width - 2 * MARGIN - labelWidth - 50;
  ensureRoom(doc, chartHeight(section));
  let y = doc.y + 4;
  doc.fontSize(7);
  for (const bar of data.bars) {
    doc.fillColor('#1d2733').text(bar.label, left, y + 1, { width: labelWidth - 6, align: 'right', lineBreak: false });
    bar.values.forEach((value, j) => {
      const w = Math.max(0, (value / data.max) * plot);
      doc.rect(left + labelWidth, y + j * barHeight, w, barHeight - 2).fill(CHART_COLOURS[j % CHART_COLOURS.length]);
      doc
        .fillColor('#1d2733')
        .text(
          data.percent ? `${(value * 100).toFixed(1)}%` : String(value),
          left + labelWidth + w + 3,
          y + j * barHeight,
          {
            lineBreak: false,
          },
        );
    });
    y += group;
  }
  keys.forEach((key, j) => {
    const label = section.columns.find((c) => c.key === key)?.label ?? key;
    doc.rect(left + labelWidth + j * 120, y + 2, 7, 7).fill(CHART_COLOURS[j % CHART_COLOURS.length]);
    doc.fillColor('#1d2733').text(label, left + labelWidth + j * 120 + 10, y + 1, { lineBreak: false });
  });
  doc.x = MARGIN;
  doc.y = y + 16;
}

function drawTable(doc: PDFKit.PDFDocument, section: Section): void {
  const { rows, omitted } = printedRows(section);
  const width = doc.page.width - 2 * MARGIN;
  const columns = printedColumns(section);
  const columnWidth = width / columns.length;
  doc.fontSize(7);
  const drawRow = (cells: string[], header: boolean) => {
    const height = Math.max(...cells.map((cell) => doc.heightOfString(cell, { width: columnWidth - 4 }))) + 4;
    ensureRoom(doc, height);
    const y = doc.y;
    if (header) doc.rect(MARGIN, y, width, height).fill('#e8eef5');
    doc.fillColor('#1d2733');
    cells.forEach((cell, i) => doc.text(cell, MARGIN + i * columnWidth + 2, y + 2, { width: columnWidth - 4 }));
    doc
      .moveTo(MARGIN, y + height)
      .lineTo(MARGIN + width, y + height)
      .lineWidth(0.3)
      .stroke('#cfd6de');
    doc.x = MARGIN;
    doc.y = y + height;
  };
  drawRow(
    columns.map((c) => c.label),
    true,
  );
  for (const row of rows)
    drawRow(
      columns.map((c) => formatCell(row[c.key], c)),
      false,
    );
  doc.fontSize(7).fillColor('#56606b');
  if (rows.length === 0) doc.text('本期无此类事项。', MARGIN, doc.y + 2);
  if (omitted) doc.text(`另有 ${omitted} 行未列出，完整数据见 CSV 或 JSON。`, MARGIN, doc.y + 2);
}

/** The report as an A4 PDF with the same headline, tables and bar charts as the HTML, Chinese text embedded. */
export function renderPdf(body: ReportBody, meta: ReportMeta): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: reportTitle(body, meta.variant) } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', CJK_FONT);
  doc.font('cjk').fontSize(15).fillColor('#0b5cad').text(reportTitle(body, meta.variant));
  doc.moveDown(0.3).fontSize(8).fillColor('#56606b');
  for (const line of metaLines(body, meta)) doc.text(line);
  doc.moveDown(0.5).fontSize(9).fillColor('#1d2733');
  for (const [label, value, format] of headlineEntries(body)) doc.text(`${label}：${formatCell(value, { format })}`);
  for (const section of body.sections) {
    // A heading never stays alone at the foot of a page: it starts a page unless its note, its chart (which is
    // never split) and the table's first rows fit under it.
    doc.fontSize(7);
    const note = section.note ? doc.heightOfString(section.note, { width: doc.page.width - 2 * MARGIN }) : 0;
    ensureRoom(doc, 30 + note + chartHeight(section) + 40);
    doc.moveDown(0.8).fontSize(11).fillColor('#0b5cad').text(section.title, MARGIN);
    if (section.note) doc.fontSize(7).fillColor('#56606b').text(section.note, MARGIN);
    doc.moveDown(0.2);
    drawChart(doc, section);
    drawTable(doc, section);
  }
  doc.moveDown(1).fontSize(7).fillColor('#56606b').text(footnote(body, meta), MARGIN);
  doc.end();
  return done;
}
