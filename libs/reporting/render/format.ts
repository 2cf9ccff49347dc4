import type { Cell, Column, ReportBody, Section } from '../domain/report-builder.js';

/** What every rendering shows above the sections. */
export interface ReportMeta {
  id: string;
  /** The log position the report was computed at. */
  position: string;
  /** `standard`: recorded by the end of the period; `restated`: with later entries that occurred in it. */
  variant: 'standard' | 'restated';
  generatedAt: string;
}

const KIND_NAMES = { weekly: '周报', monthly: '月报', quarterly: '季报' } as const;

export function reportTitle(body: ReportBody, variant: ReportMeta['variant'] = 'standard'): string {
  const title = `${body.scopeName}智改数转进度${KIND_NAMES[body.kind]}（${body.period}）${variant === 'restated' ? '·重述' : ''}`;
  return body.demo ? `【演示数据】${title}` : title;
}

/** Money is kept in yuan and shown in 万元 (ten thousand yuan), as budgets are read in China. */
export const toWanYuan = (yuan: number): number => Math.round(yuan / 100) / 100;

/** A moment as an official reads it: Beijing time, to the minute. */
export function beijingTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}（北京时间）`;
}

export function formatCell(value: Cell | undefined, column: Pick<Column, 'format'>): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  switch (column.format) {
    case 'percent':
      return `${(value * 100).toFixed(1)}%`;
    case 'money':
      return toWanYuan(value).toFixed(2);
    case 'count':
    case 'number':
    case 'code':
    case undefined:
      return String(value);
  }
}

export const HEADLINE_LABELS: Record<string, [string, Column['format']]> = {
  aboveSizeFirms: ['规上企业', 'count'],
  coverageEver: ['累计诊断覆盖率', 'percent'],
  coverage12m: ['12个月诊断覆盖率', 'percent'],
  shareAtLevel2Plus: ['二级及以上占比', 'percent'],
  projects: ['改造项目', 'count'],
  acceptedProjects: ['已验收项目', 'count'],
};

/** The headline figures in their fixed order (a stored report's JSON keeps no key order). */
export function headlineEntries(body: ReportBody): [string, number | null, Column['format']][] {
  return Object.entries(HEADLINE_LABELS)
    .filter(([key]) => key in body.headline)
    .map(([key, [label, format]]) => [label, body.headline[key] ?? null, format]);
}

/** Printed renderings show at most this many rows of a section; CSV and JSON always hold all of them. */
export const PRINTED_ROWS = 200;

/** The columns a printed report shows: codes stay in the JSON and the CSV, beside their names. */
export function printedColumns(section: Section): Column[] {
  return section.columns.filter((column) => column.format !== 'code');
}

export function printedRows(section: Section): { rows: Section['rows']; omitted: number } {
  return { rows: section.rows.slice(0, PRINTED_ROWS), omitted: Math.max(0, section.rows.length - PRINTED_ROWS) };
}

export function metaLines(body: ReportBody, meta: ReportMeta): string[] {
  return [
    `统计期：${body.periodStart} 至 ${body.periodEnd}（${body.period}）`,
    `范围：${body.scopeName}`,
    meta.variant === 'restated'
      ? '口径：重述，含期末之后补录、发生在本期内的记录'
      : '口径：截至期末已记录的事件（期末之后补录的记录计入以后的报告或重述版）',
    `生成时间：${beijingTime(meta.generatedAt)}`,
    ...(body.demo ? [DEMO_NOTE] : []),
  ];
}

/** Said on every report made from the demo's history. */
export const DEMO_NOTE = '数据来源：演示数据（DEMO_DATA 生成的示例企业与记录，不是真实统计，不得引用）';

/** Printed under the report: up to when the data was recorded, and what to quote to check it. */
export function footnote(body: ReportBody, meta: ReportMeta): string {
  const upTo = meta.variant === 'restated' ? beijingTime(meta.generatedAt) : `${body.periodEnd} 日终`;
  return `注：数据为截至 ${upTo}已记录的事件。核对时请引用报告编号 ${meta.id}（日志位置 ${meta.position}）。`;
}
