import { z } from 'zod';
import {
  DIAGNOSTIC_KINDS,
  DIAGNOSTIC_STATUSES,
  RECOMMENDATION_STATUSES,
  SCORING_MODEL_IDS,
  WITHDRAWAL_REASONS,
} from '#libs/diagnostics';
import { booleanQuery, pageQuery } from '../http/read-context.js';
import { isoDate, levelQuery, pathId, safeString, text } from '../http/schemas.js';

const evidence = z.array(text(200)).max(50).default([]);

export const schedule = z.strictObject({
  enterpriseId: text(64),
  kind: z.enum(DIAGNOSTIC_KINDS),
  scoringModel: z.enum(SCORING_MODEL_IDS as [string, ...string[]]),
  plannedDate: isoDate,
  dueDate: isoDate,
  campaignId: text(64).optional(),
});
export const assignment = z.strictObject({
  providerId: text(64),
  assessorIds: z.array(text(64)).min(1).max(20),
});
export const reschedule = z.strictObject({ plannedDate: isoDate, dueDate: isoDate.optional() });
export const survey = z.strictObject({
  date: isoDate,
  participants: z.array(text(100)).max(50).default([]),
  evidence,
});
export const indicator = z.strictObject({ points: z.number().finite(), evidence });
export const scenario = z.strictObject({ level: z.number().int(), evidence });
export const empty = z.strictObject({});
export const review = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comments: text(2000).optional(),
});
export const recommendations = z.strictObject({
  items: z
    .array(
      z.strictObject({
        scenario: safeString()
          .regex(/^S\d{2}$/)
          .optional(),
        action: text(500),
        priority: z.enum(['high', 'medium', 'low']),
        estCost: z.number().nonnegative().finite().optional(),
        providerType: z.enum(['integrator', 'retrofit', 'lead_firm', 'evaluator']).optional(),
      }),
    )
    .min(1)
    .max(50),
});
export const dispute = z.strictObject({ points: z.array(text(1000)).min(1).max(50) });
export const correction = z.strictObject({
  target: safeString().regex(/^[A-Z]\d{1,2}$/, 'an indicator code (F4) or a scenario code (S06)'),
  value: z.number().finite(),
  reason: text(1000),
  approvedBy: text(64),
});
export const cancellation = z.strictObject({ reason: text(500) });
export const withdrawal = z.strictObject({
  reasonCode: z.enum(WITHDRAWAL_REASONS),
  approvedBy: text(64),
});
export const code = safeString().regex(/^[A-Z]\d{1,2}$/);
export const selfAssessment = z.strictObject({
  points: z.record(safeString().regex(/^[A-Z]\d{1,2}$/), z.number().finite()).default({}),
  scenarioLevels: z.record(safeString().regex(/^S\d{2}$/), z.number().int()).default({}),
  truthDeclaration: z.literal(true, { message: 'the truthfulness declaration (真实性承诺) must be true' }),
});
export const recommendationStatus = z.strictObject({
  status: z.enum(RECOMMENDATION_STATUSES),
  linkedProjectId: text(64).optional(),
});
export const recId = safeString().regex(/^R\d{1,4}$/);

export const list = z.strictObject({
  enterpriseId: pathId.optional(),
  districtCode: safeString()
    .regex(/^\d{6}$/)
    .optional(),
  providerId: pathId.optional(),
  status: z.enum(DIAGNOSTIC_STATUSES).optional(),
  kind: z.enum(DIAGNOSTIC_KINDS).optional(),
  campaignId: pathId.optional(),
  level: levelQuery.optional(),
  overdue: booleanQuery.optional(),
  ...pageQuery,
});
