import { type Kysely, sql } from 'kysely';

/**
 * Reporting: the facts read model keeps a version of each enterprise's, diagnostic's and project's reported
 * facts for every change, with when it was recorded and when it occurred, so a report can read the state as
 * recorded at the end of any period. `reports` holds each produced report, one per kind, period and scope.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table rm_report_subjects (
      stream_id text primary key,
      kind text not null,
      seq integer not null,
      state jsonb not null,
      facts jsonb
    )`.execute(db);
  await sql`
    create table rm_report_versions (
      object_kind text not null,
      object_id text not null,
      seq integer not null,
      global_position bigint not null,
      recorded_at timestamptz not null,
      occurred_at timestamptz not null,
      facts jsonb not null,
      primary key (object_kind, object_id, seq)
    )`.execute(db);
  await sql`create index rm_report_versions_recorded on rm_report_versions (recorded_at)`.execute(db);
  await sql`
    create table reports (
      id uuid primary key,
      kind text not null,
      period text not null,
      scope text not null,
      status text not null,
      trigger text not null,
      requested_by text not null,
      period_start timestamptz not null,
      period_end timestamptz not null,
      position text,
      content jsonb,
      error text,
      claimed_by text,
      created_at timestamptz not null default now(),
      claimed_at timestamptz not null default now(),
      finished_at timestamptz,
      unique (kind, period, scope)
    )`.execute(db);
  await sql`create index reports_listing on reports (kind, period_start desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table reports`.execute(db);
  await sql`drop table rm_report_versions`.execute(db);
  await sql`drop table rm_report_subjects`.execute(db);
}
