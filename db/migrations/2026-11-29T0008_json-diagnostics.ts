import { type Kysely, sql } from 'kysely';

/**
 * The diagnostics read model's documents (the diagnostic's state, its corrections and disputes) are only
 * ever read whole, like those 0007 turned into `json`: stored as sent instead of parsed into a `jsonb` tree
 * on every write. A diagnostics-only rebuild of the province log took 16.7–17.0 s instead of 19.4–20.1 s,
 * with 27–28 s of CPU instead of 31.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table rm_diagnostics
      alter column state type json using state::json,
      alter column corrections type json using corrections::json,
      alter column disputes type json using disputes::json`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table rm_diagnostics
      alter column state type jsonb using state::jsonb,
      alter column corrections type jsonb using corrections::jsonb,
      alter column disputes type jsonb using disputes::jsonb`.execute(db);
}
