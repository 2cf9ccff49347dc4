import type { ColumnType, Generated } from 'kysely';

export type Json = ColumnType<unknown, string, string>;
/** xid8 travels as its decimal text; compare it in SQL, never in JavaScript as a number. */
export type Xid8 = ColumnType<string, string | undefined, never>;

export interface StreamsTable {
  stream_id: string;
  stream_type: string;
  version: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EventsTable {
  global_position: Generated<number>;
  transaction_id: Xid8;
  event_id: string;
  stream_id: string;
  stream_type: string;
  version: number;
  type: string;
  schema_version: Generated<number>;
  data: Json;
  metadata: Json;
  occurred_at: Date;
  recorded_at: Generated<Date>;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  stream_id: string;
  version: number;
  global_position: number;
  transaction_id: Xid8;
  created_at: Generated<Date>;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  role: string;
  scope: ColumnType<Record<string, unknown>, string, string>;
  token_hash: string;
  created_by: string | null;
  created_at: Generated<Date>;
  revoked_at: Date | null;
}

export interface StreamClaimsTable {
  claim: string;
  stream_id: string;
  claimed_at: Generated<Date>;
}

/** The one place that describes the schema to Kysely; each migration that changes a table updates it. */
export interface DB {
  streams: StreamsTable;
  events: EventsTable;
  idempotency_keys: IdempotencyKeysTable;
  api_keys: ApiKeysTable;
  stream_claims: StreamClaimsTable;
}
