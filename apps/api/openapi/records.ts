import { z } from 'zod';
import { AGGREGATE_TYPES } from '#libs/audit';
import type * as audit from '#libs/audit';
import { ROLES } from '#libs/auth';
import { REPLICA_STATES, type ReplicaStatus } from '#libs/database';
import { PROGRESS_GROUPINGS } from '#libs/progress';
import type * as progress from '#libs/progress';
import type * as projections from '#libs/projections';
import { REPORT_KINDS } from '#libs/reporting';
import type * as reporting from '#libs/reporting';
import { ROSTER_FIELDS } from '#libs/roster-import';
import type * as roster from '#libs/roster-import';
import { component, counts, cursor, day, page, position, time } from './components.js';

/** Histories, the audit log, progress figures, reports, API keys, projections and health. */

// --- History and audit ---------------------------------------------------------------------------------------

export const ObjectAsOf = component(
  'ObjectAsOf',
  'The object as recorded at `asOf` (or up to `version`): its state folded from its events then.',
  z.strictObject({
    aggregateType: z.enum(AGGREGATE_TYPES),
    aggregateId: z.string(),
    asOf: time.nullable(),
    version: z.number().int(),
    recordedAt: time,
    state: z.record(z.string(), z.unknown()).describe("The object's state as its events made it"),
  }) satisfies z.ZodType<audit.ObjectAsOf>,
);

const entry = {
  position,
  version: z.number().int(),
  type: z.string().describe('The event type'),
  summary: z.string().describe('One line for people, in the Accept-Language'),
  occurredAt: time,
  recordedAt: time,
  backdated: z.boolean().describe('Recorded well after it happened (an `occurredAt` in the past)'),
  actor: z.strictObject({ id: z.string(), role: z.string(), org: z.string().nullable() }),
  onBehalfOf: z.string().nullable(),
  source: z.string(),
  reason: z.string().nullable(),
  comment: z.string().nullable(),
  approvedBy: z.string().nullable(),
  correlationId: z.string(),
  causationId: z.string(),
  commandId: z.string(),
  evidence: z.array(z.string()),
  changes: z.array(z.strictObject({ field: z.string(), from: z.unknown(), to: z.unknown() })),
};

export const HistoryEntry = component(
  'HistoryEntry',
  "One event of an object's timeline: who, when, why, and the field-level changes it made.",
  z.strictObject({
    ...entry,
    data: z.record(z.string(), z.unknown()).describe("The event's data"),
  }) satisfies z.ZodType<audit.HistoryEntry>,
);

export const ObjectHistory = component(
  'ObjectHistory',
  "A page of one object's timeline, oldest first.",
  z.strictObject({
    aggregateType: z.enum(AGGREGATE_TYPES),
    aggregateId: z.string(),
    items: z.array(HistoryEntry),
    nextCursor: cursor,
  }) satisfies z.ZodType<audit.ObjectHistory>,
);

export const AuditEntry = component(
  'AuditEntry',
  'One entry of the global audit history: the object it concerns and what happened to it.',
  z.strictObject({
    aggregateType: z.enum(AGGREGATE_TYPES),
    aggregateId: z.string(),
    ...entry,
  }) satisfies z.ZodType<audit.AuditEntry>,
);

export const AuditPage = component('AuditPage', 'A page of the audit history, newest first.', page(AuditEntry));

export const AuditExport = component(
  'AuditExport',
  'Every entry the filters select (at most 50,000), as JSON.',
  z.strictObject({ items: z.array(AuditEntry) }),
);

// --- Progress ------------------------------------------------------------------------------------------------

const figures = {
  enterprisesAboveSize: z.number().int(),
  diagnosedEver: z.number().int(),
  diagnosedWithin12Months: z.number().int(),
  coverageEver: z.number().nullable().describe('Share of the enterprises above designated size (null: none)'),
  coverageWithin12Months: z.number().nullable(),
  levelDistribution: z.strictObject({
    L0: z.number().int(),
    L1: z.number().int(),
    L2: z.number().int(),
    L3: z.number().int(),
    L4: z.number().int(),
  }),
  projectsByStage: counts,
  acceptedProjects: z.number().int(),
  kpiChanges: z.array(
    z.strictObject({
      kpiCode: z.string(),
      name: z.string(),
      projects: z.number().int(),
      medianChange: z.number(),
      improvedShare: z.number(),
    }),
  ),
};

export const Progress = component(
  'Progress',
  'Coverage, level distribution L0–L4, project funnel and median KPI changes per group, with the totals.',
  z.strictObject({
    groupBy: z.enum(PROGRESS_GROUPINGS),
    districtCode: z.string().nullable(),
    computedAt: time,
    groups: z.array(z.strictObject({ key: z.string().describe('District code, park id or industry'), ...figures })),
    totals: z.strictObject(figures),
  }) satisfies z.ZodType<progress.Progress>,
);

// --- Reports -------------------------------------------------------------------------------------------------

const reportSummary = {
  id: z.uuid(),
  kind: z.enum(REPORT_KINDS),
  period: z.string().meta({ example: '2026-11' }),
  districtCode: z.string().nullable().describe('null: the whole deployment'),
  status: z.enum(['running', 'done', 'failed']),
  trigger: z.enum(['api', 'schedule', 'cli']),
  requestedBy: z.string().describe('The API key id, or `scheduler`'),
  periodStart: time,
  periodEnd: time.describe('The moment the period ends (exclusive)'),
  position: position.nullable().describe('The log position the report was computed at (null while it runs)'),
  error: z.string().nullable(),
  createdAt: time,
  finishedAt: time.nullable(),
};

export const ReportSummary = component(
  'ReportSummary',
  'A report in a list: kind, period, scope and status.',
  z.strictObject(reportSummary),
);

export const ReportPage = component('ReportPage', 'A page of reports.', page(ReportSummary));

const cell = z.union([z.string(), z.number(), z.null()]);

export const ReportBody = component(
  'ReportBody',
  "A report's figures: the headline and its sections, each a table with named columns.",
  z.strictObject({
    kind: z.enum(REPORT_KINDS),
    period: z.string(),
    periodStart: day,
    periodEnd: day.describe('The last day of the period'),
    districtCode: z.string().nullable(),
    scopeName: z.string(),
    headline: z.record(z.string(), z.number().nullable()),
    sections: z.array(
      z.strictObject({
        key: z.string(),
        title: z.string(),
        note: z.string().optional(),
        columns: z.array(
          z.strictObject({
            key: z.string(),
            label: z.string(),
            format: z.enum(['percent', 'count', 'number', 'money', 'code']).optional(),
          }),
        ),
        rows: z.array(z.record(z.string(), cell)),
        chart: z
          .strictObject({
            type: z.literal('bar'),
            labelKey: z.string(),
            valueKeys: z.array(z.string()),
            percent: z.boolean().optional(),
          })
          .optional(),
      }),
    ),
    demo: z.literal(true).optional().describe('Made from the demo data: never to be quoted as real figures'),
  }) satisfies z.ZodType<reporting.ReportBody>,
);

export const Report = component(
  'Report',
  'A report with its figures (`report`: null until it is done).',
  z.strictObject({ ...reportSummary, report: ReportBody.nullable() }),
);

const ReportChange = z.strictObject({
  section: z.string(),
  row: z.string().nullable(),
  column: z.string(),
  from: cell,
  to: cell,
}) satisfies z.ZodType<reporting.ReportChange>;

export const ReportRestatement = component(
  'ReportRestatement',
  'The report recomputed with the entries recorded after its period that occurred within it, and what moved.',
  z.strictObject({
    ...reportSummary,
    variant: z.literal('restated'),
    position,
    originalPosition: position.nullable(),
    changes: z.array(ReportChange),
    report: ReportBody,
  }),
);

export const ReportDownload = component(
  'ReportDownload',
  'The JSON download: the report, its figures and what it was computed from.',
  z.strictObject({
    ...reportSummary,
    position,
    variant: z.enum(['standard', 'restated']),
    generatedAt: time,
    report: ReportBody,
  }),
);

export const ReportRequested = component(
  'ReportRequested',
  'A report asked for: its id (Location: /v1/reports/{id}) and whether it is done yet.',
  z.strictObject({ id: z.uuid(), status: z.enum(['running', 'done', 'failed']) }),
);

// --- Imports ------------------------------------------------------------------------------------------------

const rosterRow = {
  row: z.number().int().describe('The row of the sheet (1 = its first)'),
  uscc: z.string(),
};
const rosterValue = z.union([z.string(), z.boolean()]);

export const RosterImport = component(
  'RosterImport',
  'What an enterprise roster import would do (a dry run) or did: registrations, changes, unchanged rows, refusals.',
  z.strictObject({
    rows: z.number().int().describe('Data rows the file holds'),
    register: z.array(
      z.strictObject({
        ...rosterRow,
        name: z.string(),
        industryCode: z.string(),
        districtCode: z.string(),
        parkId: z.string(),
        aboveDesignatedSize: z.boolean(),
      }),
    ),
    change: z.array(
      z.strictObject({
        ...rosterRow,
        name: z.string(),
        changes: z.array(
          z.strictObject({ field: z.enum(ROSTER_FIELDS), column: z.string(), from: rosterValue, to: rosterValue }),
        ),
      }),
    ),
    unchanged: z.number().int(),
    refused: z.array(
      z.strictObject({
        row: z.number().int(),
        column: z.string().describe("The column's header as the file has it"),
        code: z.string().describe('`missing_value`, `bad_uscc`, `out_of_scope`, `duplicate_in_file`, …'),
        reason: z.string(),
        value: z.string().optional().describe('The cell as found'),
      }),
    ),
    dryRun: z.boolean(),
    file: z.strictObject({
      name: z.string(),
      kind: z.enum(['xlsx', 'csv']),
      sheet: z.string().optional(),
      encoding: z.string().optional(),
    }),
    position: position.nullable().describe("The log position of the import's last write (null: it wrote nothing)"),
  }) satisfies z.ZodType<roster.RosterImportAnswer>,
);

// --- API keys, projections, health ---------------------------------------------------------------------------

export const ApiKeyCreated = component(
  'ApiKeyCreated',
  'A new API key: the token is shown in this answer only (the service keeps its hash).',
  z.strictObject({
    id: z.uuid(),
    token: z.string().meta({ example: 'trk_fiGQma5__9SYSifBiw0b3A4h1kvbHV79etIApio2cMI' }),
    name: z.string(),
    role: z.enum(ROLES),
    scope: z.strictObject({
      districtCodes: z.array(z.string()).optional(),
      providerId: z.string().optional(),
      enterpriseId: z.string().optional(),
    }),
  }),
);

export const ProjectionStatus = component(
  'ProjectionStatus',
  "A projection's status: how far it got in the log, its lag and its last error.",
  z.strictObject({
    name: z.string(),
    version: z.number().int(),
    status: z.enum(['running', 'catching_up', 'rebuilding', 'paused', 'failed', 'not_started']),
    position: position.nullable(),
    lagEvents: z.number().int().describe('Events behind the head of the log (counted up to 10,000)'),
    lagSeconds: z.number(),
    lastError: z
      .strictObject({
        message: z.string(),
        eventId: z.string().nullable(),
        eventType: z.string().nullable(),
        streamId: z.string().nullable(),
        position: z.string().nullable(),
        rebuilding: z.boolean(),
        at: z.string(),
      })
      .nullable(),
    rebuild: z
      .strictObject({ version: z.number().int(), position: position.nullable(), startedAt: time.nullable() })
      .nullable(),
    owner: z.string().nullable().describe('The instance that runs it'),
    updatedAt: time.nullable(),
  }) satisfies z.ZodType<projections.ProjectionStatus>,
);

export const ReadReplicaStatus = component(
  'ReadReplicaStatus',
  'A read replica (DATABASE_READ_URLS) as this api process sees it: only `up` serves reads.',
  z.strictObject({
    name: z.string().meta({ example: 'replica-1' }),
    host: z.string().meta({ example: '10.0.0.12:5432' }),
    state: z.enum(REPLICA_STATES),
    lagMs: z.number().nullable().describe('How far behind the primary its data may be (null: unknown)'),
    reads: z.number().int().describe('Reads this process sent it'),
    checkedAt: time.nullable(),
    reason: z.string().nullable().describe('Why it is down, lagging or not used'),
  }) satisfies z.ZodType<ReplicaStatus>,
);

export const ProjectionList = component(
  'ProjectionList',
  'Every projection; `stalledBy`: an event-writing transaction every projection waits for (null: none); the read ' +
    'replicas of the process that answered, with their lag (empty without DATABASE_READ_URLS).',
  z.strictObject({
    items: z.array(ProjectionStatus),
    stalledBy: z.strictObject({ pid: z.number().int(), since: time, ageMs: z.number() }).nullable(),
    replicas: z.array(ReadReplicaStatus),
  }),
);

const indicators = z.record(z.string(), z.looseObject({ status: z.enum(['up', 'down']) }));

export const Health = component(
  'Health',
  "Terminus's health report: each indicator (database, projections, log, …) up or down with its details.",
  z.strictObject({
    status: z.enum(['ok', 'error', 'shutting_down']),
    info: indicators.optional(),
    error: indicators.optional(),
    details: indicators,
  }),
);

export const Liveness = component('Liveness', 'The process runs.', z.strictObject({ status: z.literal('ok') }));
