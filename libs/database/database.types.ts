import type { ColumnType, Generated } from 'kysely';

export type Json = ColumnType<unknown, string, string>;
/** xid8 travels as its decimal text; compare it in SQL, never in JavaScript as a number. */
export type Xid8 = ColumnType<string, string | undefined, never>;

export interface StreamsTable {
  stream_id: string;
  stream_type: string;
  version: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EventsTable {
  global_position: Generated<number>;
  transaction_id: Xid8;
  event_id: string;
  stream_id: string;
  stream_type: string;
  version: number;
  type: string;
  schema_version: Generated<number>;
  data: Json;
  metadata: Json;
  occurred_at: Date;
  recorded_at: Generated<Date>;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  stream_id: string;
  version: number;
  global_position: number;
  transaction_id: Xid8;
  created_at: Generated<Date>;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  role: string;
  scope: ColumnType<Record<string, unknown>, string, string>;
  token_hash: string;
  created_by: string | null;
  created_at: Generated<Date>;
  revoked_at: Date | null;
}

export interface StreamClaimsTable {
  claim: string;
  stream_id: string;
  claimed_at: Generated<Date>;
}

export interface ProjectionCheckpointsTable {
  name: string;
  version: number;
  transaction_id: ColumnType<string, string | undefined, string>;
  global_position: ColumnType<number, number | undefined, number>;
  paused: Generated<boolean>;
  failed: Generated<boolean>;
  last_error: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  rebuild_version: number | null;
  rebuild_transaction_id: ColumnType<string | null, string | null | undefined, string | null>;
  rebuild_global_position: number | null;
  rebuild_started_at: Date | null;
  owner: string | null;
  updated_at: Generated<Date>;
}

/** A json or jsonb column written as JSON text and read back parsed. */
export type JsonColumn<T> = ColumnType<T, string, string>;

export interface RmEnterprisesTable {
  id: string;
  name: string;
  industry_code: string;
  district_code: string;
  park_id: string;
  above_designated_size: boolean;
  stat_year: number;
  status: string;
  registered_at: Date;
  updated_at: Date;
  version: number;
}

export interface RmProvidersTable {
  id: string;
  name: string;
  status: string;
  types: JsonColumn<string[]>;
  assessors: JsonColumn<{ assessorId: string; name: string; validUntil: string }[]>;
  admitted_at: Date;
  version: number;
}

export interface RmDiagnosticsTable {
  id: string;
  enterprise_id: string;
  district_code: string;
  provider_id: string | null;
  kind: string;
  campaign_id: string;
  status: string;
  level: number | null;
  planned_date: string;
  due_date: string;
  survey_date: string | null;
  issued_at: Date | null;
  scheduled_seq: number;
  updated_at: Date;
  version: number;
  state: JsonColumn<Record<string, unknown>>;
  corrections: JsonColumn<Record<string, unknown>[]>;
  disputes: JsonColumn<Record<string, unknown>[]>;
}

export interface RmEnterpriseLevelsTable {
  enterprise_id: string;
  diagnostic_id: string;
  level: number | null;
  issued_at: Date;
}

export interface RmProjectsTable {
  id: string;
  enterprise_id: string;
  district_code: string;
  provider_id: string | null;
  type: string;
  stage: string;
  suspended: boolean;
  planned_budget: number;
  approved_budget: number | null;
  subsidy_disbursed: number;
  accepted_on: string | null;
  proposed_seq: number;
  updated_at: Date;
  version: number;
  state: JsonColumn<Record<string, unknown>>;
}

export interface RmProjectKpisTable {
  project_id: string;
  kpi_code: string;
  unit: string;
  better: string;
  baseline: number;
  latest: number | null;
  latest_period_end: string | null;
  relative_change: number | null;
  improved: boolean | null;
}

export interface RmAuditTable {
  global_position: number;
  aggregate_type: string;
  aggregate_id: string;
  version: number;
  type: string;
  summary: string;
  actor_id: string;
  actor_role: string;
  actor_org: string | null;
  occurred_at: Date;
  recorded_at: Date;
  correlation_id: string;
  district_code: string | null;
  enterprise_id: string | null;
  provider_id: string | null;
  /** What the history entry adds to the row's columns (`AuditDetails`). */
  details: JsonColumn<Record<string, unknown>>;
}

export interface RmAuditSubjectsTable {
  stream_id: string;
  state: JsonColumn<unknown>;
}

/** The one place that describes the schema to Kysely; each migration that changes a table updates it. */
export interface RmReportSubjectsTable {
  stream_id: string;
  kind: string;
  seq: number;
  state: JsonColumn<unknown>;
  facts: JsonColumn<unknown> | null;
}

export interface RmReportVersionsTable {
  object_kind: string;
  object_id: string;
  seq: number;
  global_position: number;
  recorded_at: Date;
  occurred_at: Date;
  facts: JsonColumn<unknown>;
}

export interface ReportsTable {
  id: string;
  kind: string;
  period: string;
  scope: string;
  status: string;
  trigger: string;
  requested_by: string;
  period_start: Date;
  period_end: Date;
  position: string | null;
  content: JsonColumn<unknown> | null;
  error: string | null;
  claimed_by: string | null;
  created_at: Generated<Date>;
  claimed_at: Generated<Date>;
  finished_at: Date | null;
}

export interface RmDistrictEnterprisesTable {
  enterprise_id: string;
  district_code: string;
  cause_event_id: string;
  correlation_id: string;
}

export interface RmDistrictFollowersTable {
  stream_id: string;
  kind: string;
  aggregate_id: string;
  enterprise_id: string;
  district_code: string;
}

export interface DB {
  streams: StreamsTable;
  events: EventsTable;
  idempotency_keys: IdempotencyKeysTable;
  api_keys: ApiKeysTable;
  stream_claims: StreamClaimsTable;
  projection_checkpoints: ProjectionCheckpointsTable;
  rm_enterprises: RmEnterprisesTable;
  rm_providers: RmProvidersTable;
  rm_diagnostics: RmDiagnosticsTable;
  rm_enterprise_levels: RmEnterpriseLevelsTable;
  rm_projects: RmProjectsTable;
  rm_project_kpis: RmProjectKpisTable;
  rm_audit: RmAuditTable;
  rm_audit_subjects: RmAuditSubjectsTable;
  rm_report_subjects: RmReportSubjectsTable;
  rm_report_versions: RmReportVersionsTable;
  rm_district_enterprises: RmDistrictEnterprisesTable;
  rm_district_followers: RmDistrictFollowersTable;
  reports: ReportsTable;
}
