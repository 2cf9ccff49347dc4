import { z } from 'zod';
import { DIAGNOSTIC_KINDS, DIAGNOSTIC_STATUSES, RECOMMENDATION_STATUSES } from '#libs/diagnostics';
import type * as diagnostics from '#libs/diagnostics';
import type * as enterprises from '#libs/enterprises';
import { DEMONSTRATION_LEVELS, PROJECT_STAGES, PROJECT_TYPES } from '#libs/projects';
import type * as projects from '#libs/projects';
import { PROVIDER_TYPES } from '#libs/providers';
import type * as providers from '#libs/providers';
import { component, counts, day, level, page, position, time } from './components.js';

/** What a write answers, what a problem holds, and the enterprises, providers, diagnostics and projects read. */

// --- Writes and problems -------------------------------------------------------------------------------------

export const WriteResult = component(
  'WriteResult',
  'The answer of every write to an object: its id, its version after the write (also the ETag) and the log position.',
  z.strictObject({
    id: z.string(),
    version: z.number().int().min(1).describe('The object version after the write (also the ETag)'),
    position: position.describe('Where the write landed in the global log; send it as X-Min-Position'),
  }),
);

export const MilestoneWriteResult = component(
  'MilestoneWriteResult',
  "A milestone plan's answer: the project's write result and the id of the milestone it created.",
  WriteResult.extend({
    milestoneId: z
      .string()
      .regex(/^M\d+$/)
      .meta({ example: 'M1' }),
  }),
);

const ValidationError = z.strictObject({
  path: z.string().describe('The field (dotted for nested ones), `(body)` for the body as a whole'),
  message: z.string(),
  in: z.enum(['body', 'query', 'path']).optional().describe('Which part of the request held it'),
  place: z.string().optional().describe('Where exactly: `body.uscc`, `query.limit`, `path.id`'),
});

export const Problem = component(
  'Problem',
  'An RFC 9457 problem (application/problem+json). `type` names the rule or failure; members beyond the ' +
    'listed ones may be added (RFC 9457 extension members), so the object is open.',
  z.looseObject({
    type: z.string().meta({ example: '/problems/diagnostic_lifecycle' }).describe('`/problems/<code>`'),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional().describe('For people; in Chinese when Accept-Language asks for it'),
    errors: z.array(ValidationError).optional().describe('400: each invalid field (at most 20)'),
    moreErrors: z.number().int().optional().describe('400: how many invalid fields were left out of `errors`'),
    details: z.record(z.string(), z.unknown()).optional().describe('409/422: the facts of the rule broken'),
    currentVersion: z.number().int().optional().describe('412: the version the object is at'),
    retryAfter: z.number().optional().describe('429/503: seconds to wait (also the Retry-After header)'),
    position: z.string().optional().describe('503 projections_behind: the X-Min-Position waited for'),
    projections: z.array(z.string()).optional().describe('503 projections_behind: the read models behind it'),
  }),
);

// --- Enterprises ---------------------------------------------------------------------------------------------

export const EnterpriseSummary = component(
  'EnterpriseSummary',
  'An enterprise in a list: its profile and the level of its latest issued diagnostic.',
  z.strictObject({
    id: z.string().describe('The USCC (统一社会信用代码), the natural key'),
    uscc: z.string(),
    name: z.string(),
    industryCode: z.string().describe('GB/T 4754 code'),
    districtCode: z.string(),
    parkId: z.string(),
    aboveDesignatedSize: z.boolean().describe('规上企业'),
    statYear: z.number().int(),
    status: z.enum(['active', 'closed']),
    level: level.nullable().describe('Maturity level of the latest issued, non-withdrawn diagnostic'),
    latestDiagnosticId: z.string().nullable(),
    latestIssuedAt: time.nullable(),
    version: z.number().int(),
  }) satisfies z.ZodType<enterprises.EnterpriseSummary>,
);

const enterpriseDiagnostic = {
  id: z.string(),
  kind: z.enum(DIAGNOSTIC_KINDS),
  status: z.enum(DIAGNOSTIC_STATUSES),
  level: level.nullable(),
  issuedAt: time.nullable(),
  providerId: z.string().nullable(),
};
const kpiChange = {
  unit: z.string(),
  baseline: z.number(),
  latest: z.number().nullable(),
  latestPeriodEnd: day.nullable(),
  relativeChange: z.number().nullable().describe('(latest − baseline) / baseline'),
  improved: z.boolean().nullable().describe('Whether it moved the better way for this KPI (null: not measured)'),
};

export const EnterpriseDetail = component(
  'EnterpriseDetail',
  "An enterprise's progress: profile, latest issued diagnostic and level, its diagnostics, projects by stage and KPI changes.",
  EnterpriseSummary.extend({
    registeredAt: time,
    updatedAt: time,
    latestDiagnostic: z.strictObject(enterpriseDiagnostic).nullable(),
    diagnostics: z.array(z.strictObject({ ...enterpriseDiagnostic, plannedDate: day, dueDate: day })),
    projects: z.strictObject({
      byStage: counts,
      items: z.array(
        z.strictObject({
          id: z.string(),
          name: z.string(),
          type: z.enum(PROJECT_TYPES),
          stage: z.enum(PROJECT_STAGES),
          suspended: z.boolean(),
        }),
      ),
    }),
    kpiChanges: z.array(z.strictObject({ projectId: z.string(), kpiCode: z.string(), ...kpiChange })),
  }) satisfies z.ZodType<enterprises.EnterpriseProgress>,
);

export const EnterprisePage = component('EnterprisePage', 'A page of enterprises.', page(EnterpriseSummary));

// --- Providers -----------------------------------------------------------------------------------------------

export const ProviderSummary = component(
  'ProviderSummary',
  'An admitted (or suspended) service provider with its assessors.',
  z.strictObject({
    id: z.string().describe('The USCC'),
    uscc: z.string(),
    name: z.string(),
    types: z.array(z.enum(PROVIDER_TYPES)),
    status: z.enum(['admitted', 'suspended']),
    assessors: z.array(
      z.strictObject({
        assessorId: z.string(),
        name: z.string(),
        validUntil: day,
        accredited: z.boolean().describe('Whether the accreditation is valid today'),
      }),
    ),
    admittedAt: time,
    version: z.number().int(),
  }) satisfies z.ZodType<providers.ProviderSummary>,
);

export const ProviderDetail = component(
  'ProviderDetail',
  'A provider with its diagnostics by status and its contracted projects by stage (all districts).',
  ProviderSummary.extend({
    diagnosticsByStatus: counts,
    projectsByStage: counts,
  }) satisfies z.ZodType<providers.ProviderDetail>,
);

export const ProviderPage = component('ProviderPage', 'A page of providers.', page(ProviderSummary));

// --- Diagnostics ---------------------------------------------------------------------------------------------

export const DiagnosticSummary = component(
  'DiagnosticSummary',
  'A diagnostic in a list: whose, by whom, its status, level and dates.',
  z.strictObject({
    id: z.string(),
    enterpriseId: z.string(),
    districtCode: z.string(),
    providerId: z.string().nullable(),
    kind: z.enum(DIAGNOSTIC_KINDS),
    campaignId: z.string(),
    status: z.enum(DIAGNOSTIC_STATUSES),
    level: level.nullable(),
    plannedDate: day,
    dueDate: day,
    surveyDate: day.nullable(),
    issuedAt: time.nullable(),
    overdue: z.boolean().describe('Not yet issued and past its due date'),
    version: z.number().int(),
  }) satisfies z.ZodType<diagnostics.DiagnosticSummary>,
);

const scores = z.record(z.string(), z.number());

export const DiagnosticDetail = component(
  'DiagnosticDetail',
  'A diagnostic with its scores, dimension scores, level and the rule trace that led to it.',
  DiagnosticSummary.extend({
    assessorIds: z.array(z.string()),
    scoringModel: z.strictObject({ id: z.string(), version: z.string() }),
    points: scores.describe('Indicator code → points'),
    scenarioLevels: scores.describe('Scenario code → level'),
    dimensionScores: scores.nullable(),
    baseScore: z.number().nullable(),
    ruleTrace: z
      .array(
        z.strictObject({
          level,
          qualified: z.boolean(),
          conditions: z.array(
            z.strictObject({
              condition: z.enum(['baseScore', 'scenariosAtLevel', 'constrainedScenariosAtLevel']),
              required: z.number(),
              actual: z.number(),
              held: z.boolean(),
            }),
          ),
        }),
      )
      .nullable()
      .describe('Every level tried, highest first, down to the one reached'),
    reportVersion: z.number().int(),
    recommendations: z.array(
      z.strictObject({
        recId: z.string(),
        status: z.enum(RECOMMENDATION_STATUSES).optional(),
        linkedProjectId: z.string().optional(),
        scenario: z.string().optional(),
        action: z.string(),
        priority: z.enum(['high', 'medium', 'low']),
        estCost: z.number().optional(),
        providerType: z.string().optional(),
      }),
    ),
    selfAssessment: z.strictObject({ points: scores, scenarioLevels: scores }).nullable(),
    corrections: z.array(
      z.strictObject({
        target: z.string(),
        targetKind: z.string(),
        old: z.number().nullable(),
        new: z.number(),
        reason: z.string(),
        requestedBy: z.string(),
        approvedBy: z.string(),
        levelBefore: level.nullable(),
        levelAfter: level.nullable(),
        at: time,
      }),
    ),
    disputes: z.array(z.strictObject({ by: z.string(), points: z.array(z.string()), at: time })),
    updatedAt: time,
  }) satisfies z.ZodType<diagnostics.DiagnosticDetail>,
);

export const DiagnosticPage = component(
  'DiagnosticPage',
  'A page of diagnostics, newest first.',
  page(DiagnosticSummary),
);

// --- Projects ------------------------------------------------------------------------------------------------

export const ProjectSummary = component(
  'ProjectSummary',
  'A retrofit project in a list: stage, budget, subsidy and overdue milestones.',
  z.strictObject({
    id: z.string(),
    enterpriseId: z.string(),
    districtCode: z.string(),
    parkId: z.string().nullable(),
    name: z.string(),
    type: z.enum(PROJECT_TYPES),
    stage: z.enum(PROJECT_STAGES),
    suspended: z.boolean(),
    providerId: z.string().nullable(),
    plannedBudget: z.number().describe('Yuan'),
    approvedBudget: z.number().nullable(),
    subsidyDisbursed: z.number(),
    acceptedOn: day.nullable(),
    overdueMilestones: z.number().int(),
    version: z.number().int(),
  }) satisfies z.ZodType<projects.ProjectSummary>,
);

export const ProjectDetail = component(
  'ProjectDetail',
  'A project with its milestones, KPI baselines and latest values, and whether each moved the right way.',
  ProjectSummary.extend({
    scenarios: z.array(z.string()),
    subsidy: z.strictObject({ rate: z.number().nullable(), cap: z.number().nullable(), disbursed: z.number() }),
    contractValue: z.number().nullable(),
    baselineLocked: z.boolean(),
    milestones: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        due: day,
        mandatory: z.boolean(),
        completedOn: day.nullable(),
        overdue: z.boolean(),
        daysOverdue: z.number().int(),
      }),
    ),
    constructionStartedOn: day.nullable(),
    trialRunStartedOn: day.nullable(),
    acceptanceUnderReview: z.boolean(),
    demonstrations: z.array(
      z.strictObject({
        programme: z.string(),
        level: z.enum(DEMONSTRATION_LEVELS),
        year: z.number().int(),
        revoked: z.boolean(),
      }),
    ),
    kpis: z.array(
      z.strictObject({ kpiCode: z.string(), name: z.string(), better: z.enum(['up', 'down']), ...kpiChange }),
    ),
    updatedAt: time,
  }) satisfies z.ZodType<projects.ProjectDetail>,
);

export const ProjectPage = component('ProjectPage', 'A page of projects, newest first.', page(ProjectSummary));
