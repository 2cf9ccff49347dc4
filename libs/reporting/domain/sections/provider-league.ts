import { minusMonths, share } from '../report-math.js';
import type { Section } from '../report-types.js';
import { count, pct, type SectionContext, text } from './section-kit.js';

/** Service providers ranked by punctuality over the last 12 months, with their dispute and correction rates. */
export function providerLeague({ now: view, input }: SectionContext): Section {
  const from = minusMonths(input.period.endDate, 12);
  const stats = new Map<
    string,
    { submitted: number; onTime: number; issued: number; disputed: number; corrected: number }
  >();
  for (const d of view.diagnostics) {
    if (!d.providerId) continue;
    const s = stats.get(d.providerId) ?? { submitted: 0, onTime: 0, issued: 0, disputed: 0, corrected: 0 };
    if (d.submittedAt && d.submittedAt.slice(0, 10) >= from) {
      s.submitted++;
      if (d.submittedAt.slice(0, 10) <= d.dueDate) s.onTime++;
    }
    if (d.issuedAt && d.issuedAt.slice(0, 10) >= from) {
      s.issued++;
      if (d.disputes > 0) s.disputed++;
      if (d.corrections > 0) s.corrected++;
    }
    stats.set(d.providerId, s);
  }
  const rows = [...stats.entries()]
    .map(([id, s]) => ({
      provider: input.names.provider(id),
      submitted: s.submitted,
      onTimeRate: share(s.onTime, s.submitted),
      issued: s.issued,
      disputeRate: share(s.disputed, s.issued),
      correctionRate: share(s.corrected, s.issued),
    }))
    .sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || a.provider.localeCompare(b.provider));
  return {
    key: 'provider_league',
    title: '服务商排行（近 12 个月）',
    note: '按期率：按截止日前提交审核的诊断占比；异议率、更正率：已出具报告中被异议、被更正的占比。',
    columns: [
      text('provider', '服务商'),
      count('submitted', '提交审核'),
      pct('onTimeRate', '按期率'),
      count('issued', '出具报告'),
      pct('disputeRate', '异议率'),
      pct('correctionRate', '更正率'),
    ],
    rows,
  };
}
