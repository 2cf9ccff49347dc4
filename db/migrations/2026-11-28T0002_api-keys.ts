import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table api_keys (
      id uuid primary key,
      name text not null,
      role text not null,
      scope jsonb not null,
      token_hash text not null unique,
      created_by text,
      created_at timestamptz not null default clock_timestamp(),
      revoked_at timestamptz
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table api_keys`.execute(db);
}
