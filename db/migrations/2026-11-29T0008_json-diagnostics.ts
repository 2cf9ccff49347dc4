import { type Kysely, sql } from 'kysely';

/**
 * The diagnostics read model's documents (the diagnostic's state, its corrections and disputes) are only
 * ever read whole, like those 0007 turned into `json`: stored as sent instead of parsed into a `jsonb` tree
 * on every write. A diagnostics-only rebuild of the province log took 16.7–17.0 s instead of 19.4–20.1 s,
 * with 27–28 s of CPU instead of 31.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await documentsAs(db, 'json');
}

export async function down(db: Kysely<any>): Promise<void> {
  await documentsAs(db, 'jsonb');
}

async function documentsAs(db: Kysely<any>, type: 'json' | 'jsonb'): Promise<void> {
  const as = sql.raw(type); // one of the two constants above
  await sql`
    alter table rm_diagnostics
      alter column state type ${as} using state::${as},
      alter column corrections type ${as} using corrections::${as},
      alter column disputes type ${as} using disputes::${as}`.execute(db);
}
