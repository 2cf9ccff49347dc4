import { enumName } from '#libs/labels/domain';
import type { Section } from '../report-types.js';
import { kpiChanges } from './kpi-changes.js';
import { pct, type SectionContext, text } from './section-kit.js';

/** Live projects whose KPIs moved the wrong way, so that they are looked at before acceptance. */
export function kpisWrongWay({ now: view, input }: SectionContext): Section {
  const live = view.projects.filter((p) => !['rejected', 'terminated'].includes(p.stage));
  const rows = kpiChanges(input, live)
    .filter((c) => !c.improved && c.change !== 0)
    .sort((a, b) => a.project.id.localeCompare(b.project.id) || a.kpiCode.localeCompare(b.kpiCode))
    .map((c) => ({
      project: c.project.name,
      enterprise: view.firmName(c.project.enterpriseId),
      stage: enumName('projectStage', c.project.stage),
      kpi: input.names.kpi(c.kpiCode),
      baseline: c.baseline,
      latest: c.latest,
      change: c.change,
    }));
  return {
    key: 'kpis_wrong_way',
    title: '指标向不利方向变化的项目',
    columns: [
      text('project', '项目'),
      text('enterprise', '企业'),
      text('stage', '阶段'),
      text('kpi', '指标'),
      { key: 'baseline', label: '基线', format: 'number' },
      { key: 'latest', label: '最新', format: 'number' },
      pct('change', '相对变化'),
    ],
    rows,
  };
}
