import { type Kysely, sql } from 'kysely';

/**
 * Projection checkpoints and the progress read models. Read-model tables belong to their projection: it
 * alone writes them, and a rebuild replaces them whole (see libs/projections).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table projection_checkpoints (
      name text primary key,
      version integer not null,
      transaction_id xid8 not null default '0',
      global_position bigint not null default 0,
      paused boolean not null default false,
      failed boolean not null default false,
      last_error jsonb,
      rebuild_version integer,
      rebuild_transaction_id xid8,
      rebuild_global_position bigint,
      rebuild_started_at timestamptz,
      owner text,
      updated_at timestamptz not null default clock_timestamp()
    )`.execute(db);

  await sql`
    create table rm_enterprises (
      id text primary key,
      name text not null,
      industry_code text not null,
      district_code text not null,
      park_id text not null,
      above_designated_size boolean not null,
      stat_year integer not null,
      status text not null,
      registered_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null
    )`.execute(db);
  await sql`create index rm_enterprises_district on rm_enterprises (district_code, park_id)`.execute(db);
  await sql`create index rm_enterprises_industry on rm_enterprises (industry_code)`.execute(db);

  await sql`
    create table rm_providers (
      id text primary key,
      name text not null,
      status text not null,
      types jsonb not null,
      assessors jsonb not null,
      admitted_at timestamptz not null,
      version integer not null
    )`.execute(db);

  await sql`
    create table rm_diagnostics (
      id text primary key,
      enterprise_id text not null,
      district_code text not null,
      provider_id text,
      kind text not null,
      campaign_id text not null,
      status text not null,
      level integer,
      planned_date text not null,
      due_date text not null,
      survey_date text,
      issued_at timestamptz,
      scheduled_seq bigint not null,
      updated_at timestamptz not null,
      version integer not null,
      state jsonb not null,
      corrections jsonb not null,
      disputes jsonb not null
    )`.execute(db);
  await sql`create index rm_diagnostics_enterprise on rm_diagnostics (enterprise_id, issued_at)`.execute(db);
  await sql`create index rm_diagnostics_district on rm_diagnostics (district_code, scheduled_seq)`.execute(db);
  await sql`create index rm_diagnostics_provider on rm_diagnostics (provider_id, scheduled_seq)`.execute(db);

  // Each enterprise's latest issued, non-withdrawn diagnostic: the level every progress figure counts.
  await sql`
    create table rm_enterprise_levels (
      enterprise_id text primary key,
      diagnostic_id text not null,
      level integer,
      issued_at timestamptz not null
    )`.execute(db);

  await sql`
    create table rm_projects (
      id text primary key,
      enterprise_id text not null,
      district_code text not null,
      provider_id text,
      type text not null,
      stage text not null,
      suspended boolean not null,
      planned_budget double precision not null,
      approved_budget double precision,
      subsidy_disbursed double precision not null,
      accepted_on text,
      proposed_seq bigint not null,
      updated_at timestamptz not null,
      version integer not null,
      state jsonb not null
    )`.execute(db);
  await sql`create index rm_projects_enterprise on rm_projects (enterprise_id)`.execute(db);
  await sql`create index rm_projects_district on rm_projects (district_code, proposed_seq)`.execute(db);

  await sql`
    create table rm_project_kpis (
      project_id text not null,
      kpi_code text not null,
      unit text not null,
      better text not null,
      baseline double precision not null,
      latest double precision,
      latest_period_end text,
      relative_change double precision,
      improved boolean,
      primary key (project_id, kpi_code)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'rm_project_kpis',
    'rm_projects',
    'rm_enterprise_levels',
    'rm_diagnostics',
    'rm_providers',
    'rm_enterprises',
    'projection_checkpoints',
  ]) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
