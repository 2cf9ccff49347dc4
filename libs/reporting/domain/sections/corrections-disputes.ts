import type { Section } from '../report-types.js';
import { count, type SectionContext, text } from './section-kit.js';

/** Corrections and disputes new in the period, read as the difference from the facts at its start. */
export function correctionsAndDisputes({ now, before }: SectionContext): Section {
  const earlier = new Map(before.diagnostics.map((d) => [d.id, d]));
  const rows = now.diagnostics
    .map((d) => {
      const prior = earlier.get(d.id);
      return {
        diagnostic: d.id,
        enterprise: now.firmName(d.enterpriseId),
        newCorrections: d.corrections - (prior?.corrections ?? 0),
        newDisputes: d.disputes - (prior?.disputes ?? 0),
        disputePending: d.disputes > 0 && d.status === 'in_review' ? '是' : '否',
      };
    })
    .filter((r) => r.newCorrections > 0 || r.newDisputes > 0 || r.disputePending === '是')
    .sort((a, b) => a.diagnostic.localeCompare(b.diagnostic));
  return {
    key: 'corrections_disputes',
    title: '更正与异议',
    note: '本期新增的评分更正与企业异议，及尚待复核的异议。',
    columns: [
      text('diagnostic', '诊断编号'),
      text('enterprise', '企业'),
      count('newCorrections', '本期更正'),
      count('newDisputes', '本期异议'),
      text('disputePending', '异议待复核'),
    ],
    rows,
  };
}
