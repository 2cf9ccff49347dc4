import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table streams (
      stream_id text primary key,
      stream_type text not null,
      version integer not null check (version >= 1),
      created_at timestamptz not null default clock_timestamp(),
      updated_at timestamptz not null default clock_timestamp()
    )`.execute(db);

  await sql`
    create table events (
      global_position bigint generated always as identity primary key,
      transaction_id xid8 not null default pg_current_xact_id(),
      event_id uuid not null,
      stream_id text not null,
      stream_type text not null,
      version integer not null check (version >= 1),
      type text not null,
      schema_version integer not null default 1,
      data jsonb not null,
      metadata jsonb not null,
      occurred_at timestamptz not null,
      recorded_at timestamptz not null default clock_timestamp(),
      constraint events_stream_version_key unique (stream_id, version)
    )`.execute(db);
  // The global log is read in commit-safe order: (transaction_id, global_position). Every further index
  // costs every append; queries by type, time or event id are served by read models instead.
  await sql`create index events_log_order_idx on events (transaction_id, global_position)`.execute(db);

  await sql`
    create function events_are_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'events are immutable: % is not allowed on %', tg_op, tg_table_name
        using errcode = 'P0001', hint = 'append a correcting event instead';
    end
    $$`.execute(db);
  await sql`
    create trigger events_no_update_or_delete before update or delete on events
    for each row execute function events_are_immutable()`.execute(db);
  await sql`
    create trigger events_no_truncate before truncate on events
    for each statement execute function events_are_immutable()`.execute(db);

  await sql`
    create table idempotency_keys (
      scope text not null,
      key text not null,
      request_hash text not null,
      stream_id text not null,
      version integer not null,
      global_position bigint not null,
      transaction_id xid8 not null,
      created_at timestamptz not null default clock_timestamp(),
      primary key (scope, key)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table idempotency_keys`.execute(db);
  await sql`drop table events`.execute(db);
  await sql`drop function events_are_immutable()`.execute(db);
  await sql`drop table streams`.execute(db);
}
