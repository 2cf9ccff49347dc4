import { type Kysely, sql } from 'kysely';

/**
 * Read-model documents that are only ever read whole become `json` (checked, stored as sent) instead of
 * `jsonb` (parsed into a tree on every write): nothing queries inside them, and a rebuild writes a million
 * of them. The audit row's `entry` becomes `details`: what the entry adds to the row's columns (the fields
 * the columns hold are no longer stored twice). The audit projection's new version rebuilds the rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table rm_audit rename column entry to details`.execute(db);
  await sql`alter table rm_audit alter column details type json using details::json`.execute(db);
  await sql`alter table rm_audit_subjects alter column state type json using state::json`.execute(db);
  await sql`alter table rm_report_subjects alter column state type json using state::json`.execute(db);
  await sql`alter table rm_report_subjects alter column facts type json using facts::json`.execute(db);
  await sql`alter table rm_report_versions alter column facts type json using facts::json`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table rm_report_versions alter column facts type jsonb using facts::jsonb`.execute(db);
  await sql`alter table rm_report_subjects alter column facts type jsonb using facts::jsonb`.execute(db);
  await sql`alter table rm_report_subjects alter column state type jsonb using state::jsonb`.execute(db);
  await sql`alter table rm_audit_subjects alter column state type jsonb using state::jsonb`.execute(db);
  await sql`alter table rm_audit alter column details type jsonb using details::jsonb`.execute(db);
  await sql`alter table rm_audit rename column details to entry`.execute(db);
}
