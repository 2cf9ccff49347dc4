import { z } from 'zod';
import { DIAGNOSTIC_KINDS, RECOMMENDATION_STATUSES, SCORING_MODEL_IDS, WITHDRAWAL_REASONS } from '#libs/diagnostics';
import { isoDate, occurredAt, text } from '../http/schemas.js';

const evidence = z.array(text(200)).max(50).default([]);

export const scheduleSchema = z.strictObject({
  enterpriseId: text(64),
  kind: z.enum(DIAGNOSTIC_KINDS),
  scoringModel: z.enum(SCORING_MODEL_IDS as [string, ...string[]]),
  plannedDate: isoDate,
  dueDate: isoDate,
  campaignId: text(64).optional(),
  occurredAt,
});
export const assignmentSchema = z.strictObject({
  providerId: text(64),
  assessorIds: z.array(text(64)).min(1).max(20),
  occurredAt,
});
export const rescheduleSchema = z.strictObject({ plannedDate: isoDate, dueDate: isoDate.optional(), occurredAt });
export const surveySchema = z.strictObject({
  date: isoDate,
  participants: z.array(text(100)).max(50).default([]),
  evidence,
  occurredAt,
});
export const indicatorSchema = z.strictObject({ points: z.number().finite(), evidence, occurredAt });
export const scenarioSchema = z.strictObject({ level: z.number().int(), evidence, occurredAt });
export const emptySchema = z.strictObject({ occurredAt }).default({});
export const reviewSchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comments: text(2000).optional(),
  occurredAt,
});
export const recommendationsSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        scenario: z
          .string()
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
  occurredAt,
});
export const disputeSchema = z.strictObject({ points: z.array(text(1000)).min(1).max(50), occurredAt });
export const correctionSchema = z.strictObject({
  target: z.string().regex(/^[A-Z]\d{1,2}$/, 'an indicator code (F4) or a scenario code (S06)'),
  value: z.number().finite(),
  reason: text(1000),
  approvedBy: text(64),
  occurredAt,
});
export const cancellationSchema = z.strictObject({ reason: text(500), occurredAt });
export const withdrawalSchema = z.strictObject({
  reasonCode: z.enum(WITHDRAWAL_REASONS),
  approvedBy: text(64),
  occurredAt,
});
export const codeSchema = z.string().regex(/^[A-Z]\d{1,2}$/);
export const selfAssessmentSchema = z.strictObject({
  points: z.record(z.string().regex(/^[A-Z]\d{1,2}$/), z.number().finite()).default({}),
  scenarioLevels: z.record(z.string().regex(/^S\d{2}$/), z.number().int()).default({}),
  truthDeclaration: z.literal(true, { message: 'the truthfulness declaration (真实性承诺) must be true' }),
  occurredAt,
});
export const recommendationStatusSchema = z.strictObject({
  status: z.enum(RECOMMENDATION_STATUSES),
  linkedProjectId: text(64).optional(),
  occurredAt,
});
