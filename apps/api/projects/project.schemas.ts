import { z } from 'zod';
import { DEMONSTRATION_LEVELS, KPI_CODES, PROJECT_STAGES, PROJECT_TYPES } from '#libs/projects';
import { pageQuery } from '../http/read-context.js';
import { isoDate, money, pathId, safeString, text } from '../http/schemas.js';

const period = { periodStart: isoDate, periodEnd: isoDate };

export const propose = z.strictObject({
  enterpriseId: text(64),
  type: z.enum(PROJECT_TYPES),
  name: text(200),
  scenarios: z
    .array(safeString().regex(/^S\d{2}$/))
    .max(16)
    .default([]),
  plannedBudget: money,
  sourceRecIds: z.array(text(64)).max(50).optional(),
});
export const approval = z.strictObject({
  approvalNo: text(100),
  approvedBudget: money,
  subsidyRate: z.number().min(0).max(1).optional(),
  subsidyCap: money.optional(),
});
export const rejection = z.strictObject({ reason: text(500).default('未予立项') });
export const contract = z.strictObject({ providerId: text(64), value: money });
export const kpiCode = z.enum(KPI_CODES);
export const baseline = z.strictObject({ value: z.number().finite(), unit: text(40), ...period, method: text(200) });
export const milestone = z.strictObject({ name: text(200), due: isoDate, mandatory: z.boolean().default(false) });
export const milestoneId = safeString().regex(/^M\d{1,4}$/);
export const dated = z.strictObject({ date: isoDate });
export const measurement = z.strictObject({
  kpiCode,
  value: z.number().finite(),
  unit: text(40),
  ...period,
});
export const acceptance = z.strictObject({
  result: z.enum(['accepted', 'failed']),
  date: isoDate,
  evaluatorOrgId: text(64),
  findings: text(4000),
  postDiagnosticId: text(64).optional(),
});
export const baselineCorrection = z.strictObject({
  kpiCode,
  value: z.number().finite(),
  reason: text(1000),
  approvedBy: text(64),
});
export const subsidy = z.strictObject({ amount: money.refine((amount) => amount > 0, 'must be greater than 0') });
export const demonstration = z.strictObject({
  programme: text(200),
  level: z.enum(DEMONSTRATION_LEVELS),
  year: z.number().int().min(2000).max(2100),
});
export const reason = z.strictObject({ reason: text(500) });
export const empty = z.strictObject({});

export const list = z.strictObject({
  enterpriseId: pathId.optional(),
  districtCode: safeString()
    .regex(/^\d{6}$/)
    .optional(),
  parkId: pathId.optional(),
  providerId: pathId.optional(),
  stage: z.enum(PROJECT_STAGES).optional(),
  type: z.enum(PROJECT_TYPES).optional(),
  ...pageQuery,
});
