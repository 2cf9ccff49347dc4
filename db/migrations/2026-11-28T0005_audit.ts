import { type Kysely, sql } from 'kysely';

/**
 * The audit read model: one row per event with who, when, why, the object's scope and the field-level
 * changes, indexed for the global history's filters (the events table keeps only its three indexes).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table rm_audit (
      global_position bigint primary key,
      aggregate_type text not null,
      aggregate_id text not null,
      version integer not null,
      type text not null,
      summary text not null,
      actor_id text not null,
      actor_role text not null,
      actor_org text,
      occurred_at timestamptz not null,
      recorded_at timestamptz not null,
      correlation_id text not null,
      district_code text,
      enterprise_id text,
      provider_id text,
      entry jsonb not null
    )`.execute(db);
  await sql`create index rm_audit_aggregate on rm_audit (aggregate_id, global_position)`.execute(db);
  await sql`create index rm_audit_actor on rm_audit (actor_id, global_position)`.execute(db);
  await sql`create index rm_audit_type on rm_audit (type, global_position)`.execute(db);
  await sql`create index rm_audit_district on rm_audit (district_code, global_position)`.execute(db);
  await sql`create index rm_audit_recorded on rm_audit (recorded_at)`.execute(db);
  await sql`
    create table rm_audit_subjects (
      stream_id text primary key,
      state jsonb not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table rm_audit_subjects`.execute(db);
  await sql`drop table rm_audit`.execute(db);
}
