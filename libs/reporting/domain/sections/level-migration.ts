import type { Section } from '../report-types.js';
import { LEVELS } from '../report-view.js';
import { count, type SectionContext, text } from './section-kit.js';

/** From which level to which firms moved between the end of the previous period and the end of this one. */
export function levelMigration({ now, before }: SectionContext): Section {
  const keys = ['none', ...LEVELS.map((l) => `L${l}`)];
  const matrix = new Map(keys.map((k) => [k, new Map(keys.map((c) => [c, 0]))]));
  for (const firm of now.aboveSize()) {
    const from = before.level(firm.id);
    const to = now.level(firm.id);
    const row = matrix.get(from === null ? 'none' : `L${from}`)!;
    const column = to === null ? 'none' : `L${to}`;
    row.set(column, row.get(column)! + 1);
  }
  return {
    key: 'level_migration',
    title: '等级迁移矩阵（上期 → 本期）',
    note: '行：上期末等级；列：本期末等级（规上企业）。',
    columns: [text('from', '上期\\本期'), ...keys.map((k) => count(k, k === 'none' ? '未诊断' : k))],
    rows: keys.map((from) => ({ from: from === 'none' ? '未诊断' : from, ...Object.fromEntries(matrix.get(from)!) })),
  };
}
