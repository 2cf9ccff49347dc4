/**
 * What the OpenAPI document says about each operation beyond what Nest finds in the controllers: a summary and
 * a description (who may call it, what it does), its success answers with their schemas (components of
 * `apps/api/openapi/`), a request body the service accepts, path parameter values that fit it, and the
 * problems this route answers with its own rule. Keyed by `"METHOD /path"` exactly as the document's paths;
 * test/openapi.e2e-spec.ts lists every operation without an entry.
 */

/** An RFC 9457 problem as the service writes it (apps/api/http/problem.ts). */
export interface ProblemExample {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [member: string]: unknown;
}

/** A success answer: a JSON schema of `components.schemas`, or the media types of a download. */
export interface Answer {
  description: string;
  schema?: string;
  /** Media types other than JSON (CSV, HTML, PDF, XLSX), each with what it holds. */
  media?: Record<string, string>;
}

export interface OperationDoc {
  /** At most 60 characters. */
  summary: string;
  /** Who may call it (roles and scope) and what it does, in 1–3 sentences. */
  description: string;
  answers: Record<string, Answer>;
  /** A body the service accepts (Swagger UI's "Try it out" starts from it). */
  example?: Record<string, unknown>;
  /** Values of the path parameters that fit the examples. */
  params?: Record<string, string>;
  /** This route's own answers for these statuses (400, 404, 409, 422), in place of the generic ones. */
  problems?: Record<string, ProblemExample>;
}

// --- Example values: valid codes, the same objects across routes ---------------------------------------------

/** An enterprise's USCC with its GB 32100-2015 check character, registered in 贵安新区 (520900). */
export const EXAMPLE_ENTERPRISE = '91520900MA6HXK2P36';
/** A provider's USCC, registered in 观山湖区 (520115): its district's officers maintain it. */
export const EXAMPLE_PROVIDER = '91520115MA6J4R8T10';
/** Another organisation, the acceptance evaluator (not the contracted provider). */
const EXAMPLE_EVALUATOR = '91520900MA6K7N5Q2M';
const EXAMPLE_DIAGNOSTIC = '31392ced-3104-484a-9d04-890fdd791abe';
const EXAMPLE_PROJECT = '92625d4e-73a4-4932-873e-cf8edfa687cf';
const EXAMPLE_REPORT = 'f160d91c-5bd9-4827-9f8a-35e1dbef6767';
const EXAMPLE_API_KEY = 'd13aa153-f5dd-41da-9461-01856235d3d2';

// --- Answers -------------------------------------------------------------------------------------------------

const ok = (schema: string, description: string): Record<string, Answer> => ({ '200': { description, schema } });
const recorded: Record<string, Answer> = {
  '200': { description: 'Recorded: `{id, version, position}`, the new version also as ETag', schema: 'WriteResult' },
};
const created = (what: string): Record<string, Answer> => ({
  '201': {
    description: `Created: \`{id, version, position}\`, ETag, and Location naming the new ${what}`,
    schema: 'WriteResult',
  },
});
const detail = (schema: string, what: string): Record<string, Answer> => ({
  '200': {
    description:
      `The ${what} now (${schema}, ETag its version); with \`?asOf=\` or \`?version=\` the ${what} as recorded ` +
      'then (ObjectAsOf)',
    schema: `${schema}|ObjectAsOf`,
  },
});
const history = ok('ObjectHistory', "A page of the object's timeline, oldest first");
const projection = (status: '200' | '202', description: string): Record<string, Answer> => ({
  [status]: { description, schema: 'ProjectionStatus' },
});
const CSV = 'text/csv; charset=utf-8';

// --- Problems a route answers with its own rule --------------------------------------------------------------

const rule = (code: string, detail: string, details?: Record<string, unknown>): ProblemExample => ({
  type: `/problems/${code}`,
  title: 'Business rule violated',
  status: 409,
  detail,
  ...(details ? { details } : {}),
});
const unprocessable = (code: string, detail: string): ProblemExample => ({
  type: `/problems/${code}`,
  title: 'Unprocessable request',
  status: 422,
  detail,
});
const notFound = (code: string, detail: string): ProblemExample => ({
  type: `/problems/${code}`,
  title: 'Not found',
  status: 404,
  detail,
});
const invalidField = (place: 'body' | 'query' | 'path', path: string, message: string): ProblemExample => ({
  type: '/problems/validation_failed',
  title: 'The request is not valid',
  status: 400,
  detail: `See errors for each field (first: ${place}.${path})`,
  errors: [{ path, message, in: place, place: `${place}.${path}` }],
});
const diagnosticStep = (step: string, status: string, allowedIn: string[]) => ({
  '409': rule('diagnostic_lifecycle', `Cannot ${step} a diagnostic that is ${status}`, { status, allowedIn }),
});
const projectStep = (step: string, stage: string, allowedIn: string[]) => ({
  '409': rule('project_lifecycle', `Cannot ${step} a project that is ${stage}`, { stage, allowedIn }),
});
const BUILDING = ['baseline_locked', 'under_construction', 'trial_run', 'acceptance_requested', 'acceptance_failed'];
const AFTER_ISSUE = ['report_issued', 'acknowledged', 'disputed'];
const enterpriseClosed = {
  '409': rule('enterprise_closed', 'The enterprise is closed; nothing more can be recorded on it'),
};
const providerMaintainer =
  'Officers of the district the provider is registered in (the USCC\u2019s digits 3–8) and admins';

// --- Who reads what ------------------------------------------------------------------------------------------

const READERS =
  'Officers and viewers read their districts, assessors what their provider diagnoses or builds, an enterprise key ' +
  'its own; admins everything.';

export const OPERATIONS: Record<string, OperationDoc> = {
  // --- Health ------------------------------------------------------------------------------------------------
  'GET /health': {
    summary: 'Health of the database, projections and log',
    description:
      'Public, no token, never rate-limited. Shows whether the database answers, each projection with its lag, ' +
      'an event-writing transaction that holds the log back, and the demo data loading.',
    answers: {
      '200': { description: 'The database answers (projections and the log are shown, not judged)', schema: 'Health' },
      '503': { description: 'The database cannot be reached (Retry-After)', schema: 'Health' },
    },
  },
  'GET /health/live': {
    summary: 'Liveness: the process runs',
    description:
      'Public, no token, never rate-limited. 200 while the process runs and its event loop turns; restart it only ' +
      'when this fails.',
    answers: ok('Liveness', 'The process runs'),
  },
  'GET /health/ready': {
    summary: 'Readiness: database reachable and migrated',
    description:
      'Public, no token, never rate-limited. 200 when the database answers, is migrated and its transaction counter ' +
      'is ahead of the event log; 503 (Retry-After) until then: send no traffic here before it is 200.',
    answers: {
      '200': { description: 'Ready to serve', schema: 'Health' },
      '503': { description: 'Not ready: the indicator that is down says why (Retry-After)', schema: 'Health' },
    },
  },

  // --- API keys ----------------------------------------------------------------------------------------------
  'POST /v1/api-keys': {
    summary: 'Create an API key',
    description:
      'Admins only. Creates a key with a role and its scope (districtCodes for officers and viewers, providerId for ' +
      'assessors, enterpriseId for enterprise keys); the token is in this answer only, the service keeps its hash.',
    answers: {
      '201': { description: 'Created (Location: /v1/api-keys/{id}); the token is shown once', schema: 'ApiKeyCreated' },
    },
    example: { name: '观山湖区经信局 张科长', role: 'officer', scope: { districtCodes: ['520115'] } },
    problems: { '400': invalidField('body', 'scope.districtCodes', 'a officer key needs scope.districtCodes') },
  },
  'DELETE /v1/api-keys/{id}': {
    summary: 'Revoke an API key',
    description:
      'Admins only. Revokes the key: its token is refused from then on; its id stays on the events it wrote as ' +
      'their actor.',
    answers: { '204': { description: 'Revoked; no body' } },
    params: { id: EXAMPLE_API_KEY },
    problems: {
      '400': invalidField('path', 'id', 'Invalid UUID'),
      '404': notFound('api_key_not_found', 'No active API key has this id'),
    },
  },

  // --- Enterprises -------------------------------------------------------------------------------------------
  'POST /v1/enterprises': {
    summary: 'Register an enterprise',
    description:
      'Officers (in their districts) and admins. Registers an enterprise under its USCC, checked with the GB ' +
      '32100-2015 check character (400 if wrong); a USCC registered already gives 409.',
    answers: created('enterprise'),
    example: {
      uscc: EXAMPLE_ENTERPRISE,
      name: '贵州贵安精密电子制造有限公司',
      industryCode: 'C39',
      districtCode: '520900',
      parkId: 'gaxq-dz',
      aboveDesignatedSize: true,
    },
    problems: {
      '400': invalidField('body', 'uscc', 'the check character does not match (GB 32100-2015)'),
      '409': rule('enterprise_already_registered', `An enterprise with USCC ${EXAMPLE_ENTERPRISE} is registered`),
    },
  },
  'GET /v1/enterprises': {
    summary: 'List enterprises',
    description: `Every role. Filter by district, park, industry (a GB/T 4754 code or its prefix), scale, level, status or text. ${READERS}`,
    answers: ok('EnterprisePage', 'A page of enterprises, by USCC'),
  },
  'GET /v1/enterprises/{id}': {
    summary: "An enterprise's progress",
    description:
      'Every role, within its scope (else 404). The profile, the latest issued diagnostic and its level, every ' +
      'diagnostic, projects by stage and KPI changes; `?asOf=` or `?version=` gives the enterprise as recorded then.',
    answers: detail('EnterpriseDetail', 'enterprise'),
    params: { id: EXAMPLE_ENTERPRISE },
  },
  'POST /v1/enterprises/{id}/scale-status': {
    summary: 'Set the above-designated-size status (规上)',
    description:
      'Officers (in their districts) and admins. Records whether the enterprise is above designated size for a ' +
      'statistical year (入规/退规); it counts in coverage figures from then on.',
    answers: recorded,
    example: { aboveDesignatedSize: true, statYear: 2025 },
    params: { id: EXAMPLE_ENTERPRISE },
    problems: {
      ...enterpriseClosed,
      '422': unprocessable('no_change', 'The scale status for 2025 is already true'),
    },
  },
  'POST /v1/enterprises/{id}/park': {
    summary: 'Move an enterprise to another park',
    description:
      'Officers (in their districts) and admins. Records that the enterprise moved to another industrial park.',
    answers: recorded,
    example: { parkId: 'gaxq-zb' },
    params: { id: EXAMPLE_ENTERPRISE },
    problems: { ...enterpriseClosed, '422': unprocessable('no_change', 'The enterprise is already in park gaxq-zb') },
  },
  'POST /v1/enterprises/{id}/corrections': {
    summary: "Correct an enterprise's name, industry or district",
    description:
      'Officers (in their districts) and admins. Corrects a wrongly recorded name, industry code or district with a ' +
      'reason; a new district must be in the caller scope too, and its diagnostics and projects follow it.',
    answers: recorded,
    example: { field: 'industryCode', value: 'C3911', reason: '统计部门核定行业代码为 C3911' },
    params: { id: EXAMPLE_ENTERPRISE },
    problems: enterpriseClosed,
  },
  'POST /v1/enterprises/{id}/closure': {
    summary: 'Close an enterprise',
    description:
      'Officers (in their districts) and admins. Records that the enterprise closed (注销, 迁出); nothing more can be ' +
      'recorded on it and it leaves the coverage figures.',
    answers: recorded,
    example: { reason: '企业已注销' },
    params: { id: EXAMPLE_ENTERPRISE },
    problems: enterpriseClosed,
  },
  'GET /v1/enterprises/{id}/history': {
    summary: "An enterprise's history",
    description:
      'Every role, within its scope (else 404). Every event of the enterprise, oldest first: who, when (occurred and ' +
      'recorded), why, and the fields it changed; `summary` follows Accept-Language.',
    answers: history,
    params: { id: EXAMPLE_ENTERPRISE },
    problems: { '404': notFound('not_found', 'No enterprise exists under this id') },
  },

  // --- Providers ---------------------------------------------------------------------------------------------
  'POST /v1/providers': {
    summary: 'Admit a service provider',
    description: `${providerMaintainer}. Admits a provider (服务商) to the pool under its USCC, with the services it offers.`,
    answers: created('provider'),
    example: { name: '贵州黔智数字化服务有限公司', uscc: EXAMPLE_PROVIDER, types: ['evaluator', 'integrator'] },
    problems: {
      '409': rule('provider_already_admitted', `A provider with USCC ${EXAMPLE_PROVIDER} is admitted`),
      '422': unprocessable('duplicate_provider_type', 'Each provider type may be named once'),
    },
  },
  'GET /v1/providers': {
    summary: 'List service providers',
    description: 'Every role: the provider pool is a published directory. Filter by type and status.',
    answers: ok('ProviderPage', 'A page of providers, by USCC'),
  },
  'GET /v1/providers/{id}': {
    summary: 'A service provider',
    description:
      'Every role. The provider with its assessors (and whether each is accredited today), its diagnostics by ' +
      'status and its contracted projects by stage.',
    answers: ok('ProviderDetail', 'The provider (ETag: its version)'),
    params: { id: EXAMPLE_PROVIDER },
  },
  'POST /v1/providers/{id}/assessors': {
    summary: 'Accredit an assessor',
    description: `${providerMaintainer}. Accredits an assessor of the provider until a date; only accredited assessors may survey.`,
    answers: recorded,
    example: { assessorId: 'QZ-A01', name: '王建国', validUntil: '2030-12-31' },
    params: { id: EXAMPLE_PROVIDER },
    problems: {
      '409': rule('provider_suspended', 'A suspended provider cannot accredit assessors'),
      '422': unprocessable('accreditation_expired', 'The accreditation would already have expired'),
    },
  },
  'POST /v1/providers/{id}/suspension': {
    summary: 'Suspend a service provider',
    description: `${providerMaintainer}. Suspends the provider: it takes no new assignments or contracts.`,
    answers: recorded,
    example: { reason: '年度考核不合格' },
    params: { id: EXAMPLE_PROVIDER },
    problems: { '409': rule('provider_suspended', 'The provider is suspended already') },
  },
  'GET /v1/providers/{id}/history': {
    summary: "A service provider's history",
    description:
      'Every role. Every event of the provider, oldest first, with who, when, why and the fields it changed.',
    answers: history,
    params: { id: EXAMPLE_PROVIDER },
    problems: { '404': notFound('not_found', 'No provider exists under this id') },
  },

  // --- Diagnostics -------------------------------------------------------------------------------------------
  'POST /v1/diagnostics': {
    summary: 'Schedule a diagnostic',
    description:
      'Officers (in their districts) and admins. Schedules a maturity diagnostic (诊断) of an active enterprise on ' +
      'a scoring model, with its planned and due dates; the campaign defaults to the planned year.',
    answers: created('diagnostic'),
    example: {
      enterpriseId: EXAMPLE_ENTERPRISE,
      kind: 'periodic',
      scoringModel: 'miit-2024',
      plannedDate: '2026-03-02',
      dueDate: '2026-04-15',
    },
    problems: {
      '404': notFound('enterprise_not_found', 'No enterprise is registered under this id'),
      '409': rule('enterprise_closed', 'The enterprise is closed; it cannot be diagnosed'),
      '422': unprocessable('due_before_planned', 'The due date is before the planned date'),
    },
  },
  'GET /v1/diagnostics': {
    summary: 'List diagnostics',
    description: `Every role. Filter by enterprise, district, provider, status, kind, campaign, level or overdue. ${READERS}`,
    answers: ok('DiagnosticPage', 'A page of diagnostics, newest scheduled first'),
  },
  'GET /v1/diagnostics/{id}': {
    summary: 'A diagnostic with scores, level and rule trace',
    description:
      'Every role, within its scope (else 404). Scores by indicator and dimension, scenario levels, the level with ' +
      'the rule trace that led to it, recommendations, corrections and disputes; `?asOf=`/`?version=` as recorded then.',
    answers: detail('DiagnosticDetail', 'diagnostic'),
    params: { id: EXAMPLE_DIAGNOSTIC },
  },
  'POST /v1/diagnostics/{id}/assignment': {
    summary: 'Assign a provider and its assessors',
    description:
      'Officers (in their districts) and admins. Assigns an admitted provider and assessors accredited on the ' +
      'planned date; assigning again replaces them until the survey.',
    answers: recorded,
    example: { providerId: EXAMPLE_PROVIDER, assessorIds: ['QZ-A01'] },
    params: { id: EXAMPLE_DIAGNOSTIC },
    problems: {
      '409': rule('assessor_not_accredited', 'Not accredited on 2026-03-02: QZ-A02', { assessorIds: ['QZ-A02'] }),
    },
  },
  'POST /v1/diagnostics/{id}/rescheduling': {
    summary: 'Reschedule a diagnostic',
    description:
      'Officers (in their districts) and admins. Moves the planned date (and the due date, if given) of a diagnostic ' +
      'not yet surveyed.',
    answers: recorded,
    example: { plannedDate: '2026-03-09', dueDate: '2026-04-30' },
    params: { id: EXAMPLE_DIAGNOSTIC },
    problems: diagnosticStep('reschedule', 'surveyed', ['scheduled', 'assigned']),
  },
  'POST /v1/diagnostics/{id}/self-assessment': {
    summary: "Submit the enterprise's self-assessment",
    description:
      "The enterprise's own key (and admins). Records the enterprise's self-assessment (自评测) with its " +
      'truthfulness declaration; it is kept beside the assessors\u2019 scores, never instead of them.',
    answers: recorded,
    example: { points: { F1: 6, F2: 4.5 }, scenarioLevels: { S06: 2, S10: 1 }, truthDeclaration: true },
    params: { id: EXAMPLE_DIAGNOSTIC },
    problems: diagnosticStep('self-assess', 'surveyed', ['scheduled', 'assigned']),
  },
  'POST /v1/diagnostics/{id}/survey': {
    summary: 'Record the on-site survey',
    description:
      'Assessors of the assigned provider (and admins). Records the on-site survey (现场调研) on a date that has ' +
      'passed, when every assigned assessor was accredited; scoring follows.',
    answers: recorded,
    example: {
      date: '2026-03-05',
      participants: ['生产部 李经理', '信息中心 赵主任'],
      evidence: ['survey-2026-03-05-photos.zip'],
    },
    params: { id: EXAMPLE_DIAGNOSTIC },
    problems: diagnosticStep('survey', 'scheduled', ['assigned']),
  },
  'PUT /v1/diagnostics/{id}/indicators/{code}': {
    summary: 'Score an indicator',
    description:
      'Assessors of the assigned provider (and admins). Sets the points of one indicator of the scoring model ' +
      '(0 to its maximum) after the survey; scoring it again replaces them.',
    answers: recorded,
    example: { points: 6.5, evidence: ['network-topology.pdf'] },
    params: { id: EXAMPLE_DIAGNOSTIC, code: 'F1' },
    problems: {
      ...diagnosticStep('score', 'assigned', ['surveyed']),
      '422': unprocessable('points_out_of_range', 'F1 takes 0 to 8 points, not 9'),
    },
  },
  'PUT /v1/diagnostics/{id}/scenarios/{code}': {
    summary: 'Rate a scenario level',
    description:
      'Assessors of the assigned provider (and admins). Rates one scenario (场景) of the scoring model at a level ' +
      '0–4 after the survey; rating it again replaces it.',
    answers: recorded,
    example: { level: 2, evidence: ['mes-screenshots.pdf'] },
    params: { id: EXAMPLE_DIAGNOSTIC, code: 'S06' },
    problems: {
      ...diagnosticStep('rate', 'assigned', ['surveyed']),
      '422': unprocessable('level_out_of_range', 'A scenario level is a whole number 0-4, not 5'),
    },
  },
  'POST /v1/diagnostics/{id}/submission': {
    summary: 'Submit the scores for review',
    description:
      'Assessors of the assigned provider (and admins). Submits the diagnostic for review once every indicator ' +
      'and scenario is rated (else 409 scores_incomplete, naming what is missing).',
    answers: recorded,
    example: {},
    params: { id: EXAMPLE_DIAGNOSTIC },
    problems: {
      '409': rule('scores_incomplete', 'Not every indicator and scenario is rated; missing: F7, S16', {
        missing: ['F7', 'S16'],
      }),
    },
  },
  'POST /v1/diagnostics/{id}/review': {
    summary: 'Approve or reject the scores',
    description:
      'Officers (in their districts) and admins. Approval determines the maturity level from the scores (with its ' +
      'rule trace); rejection sends the diagnostic back to the assessors.',
    answers: recorded,
    example: { decision: 'approve', comments: '评分依据充分' },
    params: { id: EXAMPLE_DIAGNOSTIC },
    problems: diagnosticStep('review', 'scheduled', ['in_review']),
  },
  'POST /v1/diagnostics/{id}/report': {
    summary: 'Issue the diagnostic report',
    description:
      'Officers (in their districts), assessors of the assigned provider and admins. Issues the report of an ' +
      'approved diagnostic; its level then counts for the enterprise.',
    answers: recorded,
    example: {},
    params: { id: EXAMPLE_DIAGNOSTIC },
    problems: diagnosticStep('issue the report of', 'in_review', ['approved']),
  },
  'POST /v1/diagnostics/{id}/recommendations': {
    summary: 'Propose recommendations',
    description:
      'Assessors of the assigned provider (and admins). Adds improvement recommendations (R1, R2, …) to an approved ' +
      'or issued diagnostic, each with a priority and optionally a scenario and an estimated cost.',
    answers: recorded,
    example: {
      items: [
        { scenario: 'S10', action: '建设能耗在线监测系统', priority: 'high', estCost: 30, providerType: 'integrator' },
      ],
    },
    params: { id: EXAMPLE_DIAGNOSTIC },
    problems: diagnosticStep('recommend on', 'surveyed', ['approved', ...AFTER_ISSUE]),
  },
  'PUT /v1/diagnostics/{id}/recommendations/{recId}': {
    summary: "Track a recommendation's status",
    description:
      "Officers (in their districts), the enterprise's own key and admins. Sets where a recommendation stands " +
      '(accepted, in progress, done, rejected), optionally linked to the project that answers it.',
    answers: recorded,
    example: { status: 'in_progress', linkedProjectId: EXAMPLE_PROJECT },
    params: { id: EXAMPLE_DIAGNOSTIC, recId: 'R1' },
    problems: { '404': notFound('recommendation_not_found', 'No recommendation R1') },
  },
  'POST /v1/diagnostics/{id}/closure': {
    summary: 'Close an acknowledged diagnostic',
    description:
      'Officers (in their districts) and admins. Closes a diagnostic whose report the enterprise acknowledged.',
    answers: recorded,
    example: {},
    params: { id: EXAMPLE_DIAGNOSTIC },
    problems: diagnosticStep('close', 'report_issued', ['acknowledged']),
  },
  'POST /v1/diagnostics/{id}/acknowledgement': {
    summary: 'Acknowledge the report',
    description: "The enterprise's own key (and admins). Acknowledges the issued report (确认).",
    answers: recorded,
    example: {},
    params: { id: EXAMPLE_DIAGNOSTIC },
    problems: diagnosticStep('acknowledge', 'approved', ['report_issued']),
  },
  'POST /v1/diagnostics/{id}/dispute': {
    summary: 'Dispute the report',
    description:
      "The enterprise's own key (and admins). Disputes the issued report (异议) point by point; the diagnostic goes " +
      'back to review, where the report stands or is corrected.',
    answers: recorded,
    example: { points: ['S10 能耗管理已上线在线监测系统，评级应为 2 级'] },
    params: { id: EXAMPLE_DIAGNOSTIC },
    problems: diagnosticStep('dispute', 'acknowledged', ['report_issued']),
  },
  'POST /v1/diagnostics/{id}/corrections': {
    summary: 'Correct a score after issue',
    description:
      'Officers (in their districts) and admins, with an approver other than themselves (four eyes). Corrects an ' +
      'indicator or scenario score of an issued report: the level is recomputed and the report reissued.',
    answers: recorded,
    example: { target: 'S10', value: 2, reason: '复核能耗在线监测系统运行记录', approvedBy: 'gsh-officer-02' },
    params: { id: EXAMPLE_DIAGNOSTIC },
    problems: {
      '409': rule('four_eyes', 'A correction needs an approver other than the requester'),
      '422': unprocessable('no_change', 'S10 is already 2'),
    },
  },
  'POST /v1/diagnostics/{id}/cancellation': {
    summary: 'Cancel a diagnostic',
    description: 'Officers (in their districts) and admins. Cancels a diagnostic not yet surveyed, with a reason.',
    answers: recorded,
    example: { reason: '企业生产线停产，改期另行安排' },
    params: { id: EXAMPLE_DIAGNOSTIC },
    problems: diagnosticStep('cancel', 'surveyed', ['scheduled', 'assigned']),
  },
  'POST /v1/diagnostics/{id}/withdrawal': {
    summary: 'Withdraw a diagnostic',
    description:
      'Officers (in their districts) and admins, with an approver other than themselves. Withdraws a diagnostic ' +
      '(duplicate, wrong enterprise, fraud, …): its level no longer counts anywhere.',
    answers: recorded,
    example: { reasonCode: 'duplicate', approvedBy: 'gsh-officer-02' },
    params: { id: EXAMPLE_DIAGNOSTIC },
    problems: { '409': rule('four_eyes', 'A withdrawal needs an approver other than the requester') },
  },
  'GET /v1/diagnostics/{id}/history': {
    summary: "A diagnostic's history",
    description:
      'Every role, within its scope (else 404). Every event of the diagnostic, oldest first: scores, reviews, ' +
      'corrections and withdrawals with who, when, why and the fields they changed.',
    answers: history,
    params: { id: EXAMPLE_DIAGNOSTIC },
    problems: { '404': notFound('not_found', 'No diagnostic exists under this id') },
  },

  // --- Projects ----------------------------------------------------------------------------------------------
  'POST /v1/projects': {
    summary: 'Propose a retrofit project',
    description:
      "The enterprise's own key, officers (in their districts) and admins. Proposes a smart-workshop, " +
      'smart-factory or other retrofit project (技改项目) with its scenarios and planned budget in yuan.',
    answers: created('project'),
    example: {
      enterpriseId: EXAMPLE_ENTERPRISE,
      type: 'digital_workshop',
      name: 'SMT 数字化车间建设',
      scenarios: ['S06', 'S07', 'S10'],
      plannedBudget: 6500000,
    },
    problems: {
      '404': notFound('enterprise_not_found', 'No enterprise is registered under this id'),
      '409': rule('enterprise_closed', 'The enterprise is closed'),
    },
  },
  'GET /v1/projects': {
    summary: 'List projects',
    description: `Every role. Filter by enterprise, district, park, provider, stage or type. ${READERS}`,
    answers: ok('ProjectPage', 'A page of projects, newest proposed first'),
  },
  'GET /v1/projects/{id}': {
    summary: 'A project with milestones and KPI changes',
    description:
      'Every role, within its scope (else 404). Stage, budget and subsidy, milestones with overdue days, KPI ' +
      'baselines with the latest values and whether they moved the right way; `?asOf=`/`?version=` as recorded then.',
    answers: detail('ProjectDetail', 'project'),
    params: { id: EXAMPLE_PROJECT },
  },
  'POST /v1/projects/{id}/approval': {
    summary: 'Approve a project (立项)',
    description:
      'Officers (in their districts) and admins. Approves a proposed project with its approval number and budget, ' +
      'optionally a subsidy rate (0–1) and cap in yuan.',
    answers: recorded,
    example: { approvalNo: '黔经信技改〔2026〕12号', approvedBudget: 4000000, subsidyRate: 0.2, subsidyCap: 800000 },
    params: { id: EXAMPLE_PROJECT },
    problems: projectStep('approve', 'approved', ['proposed', 'filed']),
  },
  'POST /v1/projects/{id}/rejection': {
    summary: 'Reject a project',
    description: 'Officers (in their districts) and admins. Rejects a proposed project; it ends there.',
    answers: recorded,
    example: { reason: '不符合年度技改专项支持方向' },
    params: { id: EXAMPLE_PROJECT },
    problems: projectStep('reject', 'approved', ['proposed', 'filed']),
  },
  'POST /v1/projects/{id}/contract': {
    summary: 'Record the service contract',
    description:
      'Officers (in their districts) and admins. Records the contract with an admitted provider and its value in ' +
      'yuan; that provider may not evaluate the acceptance.',
    answers: recorded,
    example: { providerId: EXAMPLE_PROVIDER, value: 3600000 },
    params: { id: EXAMPLE_PROJECT },
    problems: projectStep('sign a contract for', 'proposed', ['approved']),
  },
  'PUT /v1/projects/{id}/baselines/{kpiCode}': {
    summary: 'Record a KPI baseline',
    description:
      "The enterprise's own key, officers (in their districts) and admins. Records a KPI's baseline value, unit, " +
      'period and method before the baseline is locked; recording it again replaces it.',
    answers: recorded,
    example: {
      value: 79.5,
      unit: '%',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      method: '2025 年度质检报表统计',
    },
    params: { id: EXAMPLE_PROJECT, kpiCode: 'yield_rate' },
    problems: { '409': rule('baseline_locked', 'The baseline is locked; a change needs an approved correction') },
  },
  'POST /v1/projects/{id}/baseline-lock': {
    summary: 'Lock the KPI baseline',
    description:
      'Officers (in their districts) and admins. Locks the recorded baselines of a contracted project; from then on ' +
      'only an approved correction changes them, and construction may start.',
    answers: recorded,
    example: {},
    params: { id: EXAMPLE_PROJECT },
    problems: { '409': rule('no_baseline', 'Record at least one KPI baseline before locking') },
  },
  'POST /v1/projects/{id}/milestones': {
    summary: 'Plan a milestone',
    description:
      "The enterprise's own key, officers (in their districts) and admins. Plans a milestone with its due date; " +
      'mandatory ones must be completed before acceptance. Answers the new milestone id (M1, M2, …).',
    answers: {
      '201': {
        description: 'Planned: `{id, version, position, milestoneId}`, Location naming the milestone',
        schema: 'MilestoneWriteResult',
      },
    },
    example: { name: '设备联网与数据采集', due: '2026-06-30', mandatory: true },
    params: { id: EXAMPLE_PROJECT },
    problems: projectStep('plan a milestone for', 'proposed', ['approved', 'contracted', ...BUILDING]),
  },
  'POST /v1/projects/{id}/milestones/{mid}/completion': {
    summary: 'Complete a milestone',
    description:
      "The enterprise's own key, officers (in their districts) and admins. Records the date a planned milestone " +
      'was completed.',
    answers: recorded,
    example: { date: '2026-06-20' },
    params: { id: EXAMPLE_PROJECT, mid: 'M1' },
    problems: {
      '404': notFound('milestone_not_found', 'No milestone M1'),
      '409': rule('milestone_completed', 'Milestone M1 is completed already'),
    },
  },
  'POST /v1/projects/{id}/construction-start': {
    summary: 'Start construction',
    description:
      'Officers (in their districts) and admins. Records the start of construction of a project whose baseline is ' +
      'locked.',
    answers: recorded,
    example: { date: '2026-04-01' },
    params: { id: EXAMPLE_PROJECT },
    problems: projectStep('start construction of', 'contracted', ['baseline_locked']),
  },
  'POST /v1/projects/{id}/trial-run-start': {
    summary: 'Start the trial run',
    description:
      'Officers (in their districts) and admins. Records the start of the trial run (试运行); acceptance needs a ' +
      'trial run of at least TRIAL_RUN_MIN_DAYS (default 90) days.',
    answers: recorded,
    example: { date: '2026-07-01' },
    params: { id: EXAMPLE_PROJECT },
    problems: {
      ...projectStep('start the trial run of', 'baseline_locked', ['under_construction']),
      '422': unprocessable('trial_before_construction', 'The trial run cannot start before construction'),
    },
  },
  'POST /v1/projects/{id}/kpi-measurements': {
    summary: 'Record a KPI measurement',
    description:
      "The enterprise's own key, officers (in their districts) and admins. Records a KPI value for a period in the " +
      "baseline's unit; the project shows its change against the baseline.",
    answers: recorded,
    example: { kpiCode: 'yield_rate', value: 86.2, unit: '%', periodStart: '2026-07-01', periodEnd: '2026-09-30' },
    params: { id: EXAMPLE_PROJECT },
    problems: {
      ...projectStep('measure a KPI of', 'contracted', [...BUILDING, 'accepted']),
      '422': unprocessable('unit_mismatch', 'yield_rate is measured in %, not ppm'),
    },
  },
  'POST /v1/projects/{id}/acceptance-request': {
    summary: 'Request acceptance',
    description:
      "The enterprise's own key, officers (in their districts) and admins. Asks for the acceptance inspection " +
      '(验收) of a project in its trial run.',
    answers: recorded,
    example: {},
    params: { id: EXAMPLE_PROJECT },
    problems: projectStep('request acceptance of', 'under_construction', ['trial_run', 'acceptance_failed']),
  },
  'POST /v1/projects/{id}/acceptance': {
    summary: 'Record the acceptance result',
    description:
      'Officers (in their districts) and admins. Records the inspection by an evaluator other than the contracted ' +
      'provider; acceptance needs the baseline locked, mandatory milestones done, KPIs measured and the trial run long enough.',
    answers: recorded,
    example: {
      result: 'accepted',
      date: '2026-11-20',
      evaluatorOrgId: EXAMPLE_EVALUATOR,
      findings: '各项指标达到立项目标，同意通过验收',
    },
    params: { id: EXAMPLE_PROJECT },
    problems: {
      '409': rule('acceptance_preconditions', 'Cannot accept: mandatory milestones open: M1', {
        problems: ['mandatory milestones open: M1'],
      }),
    },
  },
  'POST /v1/projects/{id}/baseline-corrections': {
    summary: 'Correct a locked KPI baseline',
    description:
      'Officers (in their districts) and admins, with an approver other than themselves. Corrects a locked ' +
      'baseline; after acceptance the acceptance goes under review.',
    answers: recorded,
    example: { kpiCode: 'yield_rate', value: 80.1, reason: '基期质检数据口径更正', approvedBy: 'gsh-officer-02' },
    params: { id: EXAMPLE_PROJECT },
    problems: { '409': rule('four_eyes', 'A baseline correction needs an approver other than the requester') },
  },
  'POST /v1/projects/{id}/subsidy-disbursements': {
    summary: 'Disburse a subsidy',
    description:
      'Officers (in their districts) and admins. Records a subsidy payment for an accepted project; all payments ' +
      'together stay within the cap and the rate times the eligible investment.',
    answers: recorded,
    example: { amount: 400000 },
    params: { id: EXAMPLE_PROJECT },
    problems: {
      '409': rule('subsidy_exceeds_limit', 'Disbursements would total 900000, above the limit of 720000', {
        limit: 720000,
        total: 900000,
      }),
    },
  },
  'POST /v1/projects/{id}/demonstration': {
    summary: 'Designate as a demonstration project',
    description:
      'Officers (in their districts) and admins. Designates an accepted project under a demonstration programme ' +
      '(示范项目) at a level for a year, once per programme and year.',
    answers: recorded,
    example: { programme: '贵安新区数字化改造能力提升示范项目', level: 'district', year: 2026 },
    params: { id: EXAMPLE_PROJECT },
    problems: projectStep('designate', 'trial_run', ['accepted']),
  },
  'POST /v1/projects/{id}/demonstration-revocation': {
    summary: 'Revoke a demonstration title',
    description: 'Officers (in their districts) and admins. Revokes the designation the project holds, with a reason.',
    answers: recorded,
    example: { reason: '复核发现关键指标未持续达标' },
    params: { id: EXAMPLE_PROJECT },
    problems: { '409': rule('not_designated', 'The project holds no designation to revoke') },
  },
  'POST /v1/projects/{id}/suspension': {
    summary: 'Suspend a project',
    description: 'Officers (in their districts) and admins. Suspends a project: it takes no step until resumed.',
    answers: recorded,
    example: { reason: '企业资金暂未到位' },
    params: { id: EXAMPLE_PROJECT },
    problems: { '409': rule('project_suspended', 'The project is suspended already') },
  },
  'POST /v1/projects/{id}/resumption': {
    summary: 'Resume a suspended project',
    description: 'Officers (in their districts) and admins. Resumes a suspended project where it stood.',
    answers: recorded,
    example: { reason: '配套资金已到位' },
    params: { id: EXAMPLE_PROJECT },
    problems: { '409': rule('project_not_suspended', 'The project is not suspended') },
  },
  'POST /v1/projects/{id}/termination': {
    summary: 'Terminate a project',
    description: 'Officers (in their districts) and admins. Ends a project that is not accepted, with a reason.',
    answers: recorded,
    example: { reason: '企业调整投资计划' },
    params: { id: EXAMPLE_PROJECT },
    problems: { '409': rule('project_lifecycle', 'A project that is accepted cannot be terminated') },
  },
  'GET /v1/projects/{id}/history': {
    summary: "A project's history",
    description:
      'Every role, within its scope (else 404). Every event of the project, oldest first, with who, when, why and ' +
      'the fields it changed.',
    answers: history,
    params: { id: EXAMPLE_PROJECT },
    problems: { '404': notFound('not_found', 'No project exists under this id') },
  },

  // --- Progress, audit, exports ------------------------------------------------------------------------------
  'GET /v1/progress': {
    summary: 'Progress figures by district, park or industry',
    description:
      'Officers and viewers (their districts) and admins. Per group and in total: enterprises above designated ' +
      'size, diagnosed ever and within 12 months, coverage, levels L0–L4, projects by stage and median KPI changes.',
    answers: ok('Progress', 'The figures per group, with the totals'),
  },
  'GET /v1/audit': {
    summary: 'Search the audit history',
    description:
      'Officers and viewers (their districts and the provider pool) and admins. Every recorded event, newest first, ' +
      'filtered by object, actor, event type and recording time.',
    answers: ok('AuditPage', 'A page of entries, newest first'),
  },
  'GET /v1/audit/export': {
    summary: 'Export the audit history',
    description:
      'Officers and viewers (their districts) and admins. Every entry the filters select, up to 50,000, as CSV ' +
      '(UTF-8 with BOM, for spreadsheets) or JSON, as an attachment.',
    answers: {
      '200': {
        description: 'The entries (Content-Disposition: attachment)',
        schema: 'AuditExport',
        media: { [CSV]: 'One row per entry, the field changes in one column' },
      },
    },
  },
  'GET /v1/{type}/{id}/history/export': {
    summary: "Export an object's history",
    description:
      'Every role, within its scope (else 404). One enterprise\u2019s, provider\u2019s, diagnostic\u2019s or ' +
      'project\u2019s timeline, up to 50,000 entries, as CSV (UTF-8 with BOM) or JSON, as an attachment.',
    answers: {
      '200': {
        description: 'The entries (Content-Disposition: attachment)',
        schema: 'AuditExport',
        media: { [CSV]: 'One row per entry, the field changes in one column' },
      },
    },
    params: { type: 'enterprises', id: EXAMPLE_ENTERPRISE },
    problems: { '404': notFound('not_found', 'No enterprise exists under this id') },
  },

  // --- Imports -----------------------------------------------------------------------------------------------
  'POST /v1/imports/enterprises': {
    summary: 'Import an enterprise roster (.xlsx or .csv)',
    description:
      "Officers (their districts) and admins. Reads a statistics bureau's roster, sent as the body or a form's " +
      '`file` field, and registers or updates each enterprise through the same commands; `dryRun=true` only plans.',
    answers: ok('RosterImport', 'The plan (a dry run) or what the import did'),
    problems: {
      '415': {
        type: '/problems/unsupported_media_type',
        title: 'Unsupported media type',
        status: 415,
        detail:
          'An old Excel workbook (.xls) or an encrypted one cannot be imported: save it as .xlsx or .csv, without a password',
      },
      '422': {
        type: '/problems/formula_not_allowed',
        title: 'The file cannot be imported',
        status: 422,
        detail: 'Cell C5 holds a formula; formulas are not evaluated: paste the values instead',
      },
    },
  },

  // --- Reports -----------------------------------------------------------------------------------------------
  'POST /v1/reports': {
    summary: 'Produce a weekly, monthly or quarterly report',
    description:
      'Officers for a district of theirs; admins also for the whole deployment (no districtCode). One report per ' +
      'kind, period and scope: 200 when it existed, 201 when made within a few seconds, 202 while it runs on.',
    answers: {
      '200': { description: 'The report existed already', schema: 'ReportRequested' },
      '201': { description: 'Produced (Location: /v1/reports/{id})', schema: 'ReportRequested' },
      '202': {
        description: 'Still running in the background (Location: /v1/reports/{id}); poll it',
        schema: 'ReportRequested',
      },
    },
    example: { kind: 'monthly', period: '2026-11', districtCode: '520900' },
    problems: {
      '400': {
        type: '/problems/validation_failed',
        title: 'The request is not valid',
        status: 400,
        detail: '2026-13 names no month',
        errors: [{ path: 'period', message: '2026-13 names no month' }],
      },
      '422': unprocessable(
        'period_not_ended',
        'The period 2099-01 has not ended yet: its report can be produced from 2099-01-31T16:00:00.000Z',
      ),
    },
  },
  'GET /v1/reports': {
    summary: 'List reports',
    description:
      'Officers and viewers (reports of their districts) and admins (every report). Filter by kind, period and ' +
      'district; newest period first.',
    answers: ok('ReportPage', 'A page of reports'),
  },
  'GET /v1/reports/{id}': {
    summary: 'A report with its figures',
    description:
      'Officers and viewers (their districts) and admins. The report as JSON: its status, the log position it was ' +
      'computed at and, once done, its headline and sections.',
    answers: ok('Report', 'The report'),
    params: { id: EXAMPLE_REPORT },
    problems: {
      '400': invalidField('path', 'id', 'Invalid UUID'),
      '404': notFound('report_not_found', 'No report exists under this id'),
    },
  },
  'GET /v1/reports/{id}/restatement': {
    summary: 'A report restated with later entries',
    description:
      'Officers and viewers (their districts) and admins. The report recomputed with the entries recorded after ' +
      'its period that occurred within it (backdated ones), and every figure that moved.',
    answers: ok('ReportRestatement', 'The restated report and its changes'),
    params: { id: EXAMPLE_REPORT },
    problems: {
      '400': invalidField('path', 'id', 'Invalid UUID'),
      '404': notFound('report_not_found', 'No report exists under this id'),
      '409': rule('report_not_ready', 'The report is running; try again when it is done', {
        status: 'running',
        error: null,
      }),
    },
  },
  'GET /v1/reports/{id}/download': {
    summary: 'Download a report (PDF, CSV, HTML, XLSX, JSON)',
    description:
      'Officers and viewers (their districts) and admins. The report as an attachment in the format asked for ' +
      '(PDF by default), as produced or restated.',
    answers: {
      '200': {
        description: 'The report as an attachment (Content-Disposition)',
        schema: 'ReportDownload',
        media: {
          'application/pdf': 'The printed report (default)',
          [CSV]: 'Each section as rows (UTF-8 with BOM)',
          'text/html; charset=utf-8': 'The report as a web page',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'A workbook, a sheet per section',
        },
      },
    },
    params: { id: EXAMPLE_REPORT },
    problems: {
      '404': notFound('report_not_found', 'No report exists under this id'),
      '409': rule('report_not_ready', 'The report is running; try again when it is done', {
        status: 'running',
        error: null,
      }),
    },
  },

  // --- Projection admin --------------------------------------------------------------------------------------
  'GET /v1/admin/projections': {
    summary: 'Projection status, lag and last error',
    description:
      'Admins only. Every projection (read model) with its position, lag in events and seconds, last error and ' +
      'rebuild, and an event-writing transaction that holds them all back.',
    answers: ok('ProjectionList', 'Every projection'),
  },
  'POST /v1/admin/projections/{name}/rebuild': {
    summary: 'Rebuild a projection',
    description:
      'Admins only. Replays the log into fresh tables and swaps them in when caught up; reads go on from the old ' +
      'tables meanwhile.',
    answers: projection('202', 'The rebuild is requested; its progress shows in `rebuild`'),
    example: {},
    params: { name: 'enterprises' },
    problems: { '404': notFound('projection_not_found', 'There is no projection named enterprise') },
  },
  'POST /v1/admin/projections/{name}/pause': {
    summary: 'Pause a projection',
    description: 'Admins only. Stops the projection after its current batch; its read model stays as it is.',
    answers: projection('200', 'Paused'),
    example: {},
    params: { name: 'enterprises' },
    problems: { '404': notFound('projection_not_found', 'There is no projection named enterprise') },
  },
  'POST /v1/admin/projections/{name}/resume': {
    summary: 'Resume or retry a projection',
    description: 'Admins only. Ends a pause, or retries a failed projection from the event it stopped at.',
    answers: projection('200', 'Running again'),
    example: {},
    params: { name: 'enterprises' },
    problems: { '404': notFound('projection_not_found', 'There is no projection named enterprise') },
  },
};
