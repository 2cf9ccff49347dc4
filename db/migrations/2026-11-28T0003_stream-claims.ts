import { type Kysely, sql } from 'kysely';

/** Unique claims held by streams ("one open diagnostic per enterprise, campaign and kind"). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table stream_claims (
      claim text primary key,
      stream_id text not null,
      claimed_at timestamptz not null default clock_timestamp()
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table stream_claims`.execute(db);
}
