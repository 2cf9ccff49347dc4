import { type Kysely, sql } from 'kysely';

/**
 * The district-moves policy's state: each enterprise's district (and the event that set it), and the district
 * each of its diagnostics and projects was last recorded in. A follower whose district differs from its
 * enterprise's is a move still to record.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table rm_district_enterprises (
      enterprise_id text primary key,
      district_code text not null,
      cause_event_id text not null,
      correlation_id text not null
    )`.execute(db);
  await sql`
    create table rm_district_followers (
      stream_id text primary key,
      kind text not null,
      aggregate_id text not null,
      enterprise_id text not null,
      district_code text not null
    )`.execute(db);
  await sql`create index rm_district_followers_enterprise on rm_district_followers (enterprise_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table rm_district_followers`.execute(db);
  await sql`drop table rm_district_enterprises`.execute(db);
}
