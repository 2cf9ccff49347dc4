import { enumName } from '#libs/labels/domain';
import { PROJECT_STAGES } from '#libs/projects/domain';
import type { Section } from '../report-types.js';
import { code, count, type SectionContext, text } from './section-kit.js';

/** How many projects stand at each stage, in the order of the project lifecycle. */
export function projectFunnel({ now: view }: SectionContext): Section {
  const reached = (stage: string) => view.projects.filter((p) => p.stage === stage).length;
  return {
    key: 'project_funnel',
    title: '改造项目漏斗（按阶段）',
    columns: [code('stage', '阶段代码'), text('name', '阶段'), count('projects', '项目数')],
    rows: PROJECT_STAGES.map((stage) => ({ stage, name: enumName('projectStage', stage), projects: reached(stage) })),
    chart: { type: 'bar', labelKey: 'name', valueKeys: ['projects'] },
  };
}
