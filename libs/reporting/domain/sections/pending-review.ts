import { days } from '../report-math.js';
import type { Section } from '../report-types.js';
import { count, type SectionContext, text } from './section-kit.js';

/** Diagnostics waiting for review, longest wait first, so that none is forgotten. */
export function pendingReview({ now: view, input }: SectionContext): Section {
  const rows = view.diagnostics
    .filter((d) => d.status === 'in_review')
    .map((d) => ({
      diagnostic: d.id,
      enterprise: view.firmName(d.enterpriseId),
      provider: d.providerId ? input.names.provider(d.providerId) : '',
      reason: d.disputes > 0 ? '企业异议后复核' : '首次审核',
      submittedOn: d.submittedAt?.slice(0, 10) ?? '',
      waitingDays: d.submittedAt ? days(d.submittedAt, input.period.endDate) : null,
    }))
    .sort((a, b) => (b.waitingDays ?? 0) - (a.waitingDays ?? 0) || a.diagnostic.localeCompare(b.diagnostic));
  return {
    key: 'pending_review',
    title: '待审核的诊断报告（含异议待复核）',
    columns: [
      text('diagnostic', '诊断编号'),
      text('enterprise', '企业'),
      text('provider', '服务商'),
      text('reason', '类型'),
      text('submittedOn', '提交日期'),
      count('waitingDays', '等待天数'),
    ],
    rows,
  };
}
