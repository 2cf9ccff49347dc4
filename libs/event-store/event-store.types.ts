import type { LogPosition } from './log-position.js';

export interface EventActor {
  /** The API key (or system component) that sent the command. */
  userId: string;
  role: string;
  orgId?: string | null;
}

/** The envelope fields every event carries besides its data (DOMAIN.md section 5). */
export interface EventMetadata {
  actor: EventActor;
  onBehalfOf?: string;
  /** `ui`, `api`, `import:<batchId>` or `system`. */
  source: string;
  commandId: string;
  correlationId: string;
  causationId: string;
  reasonCode?: string;
  comment?: string;
  approvedBy?: string;
  [extra: string]: unknown;
}

/** The source of every event of the demo's history (loaded only into an empty log): its reports say so. */
export const DEMO_SOURCE = 'demo';

export interface NewEvent {
  /** The stored name: a string constant of the domain, never a class name. */
  type: string;
  data: Record<string, unknown>;
  schemaVersion?: number;
  eventId?: string;
  /** When it happened, if earlier than now (backdated); the server's clock otherwise. */
  occurredAt?: Date;
  /** Fields that differ from the append's common metadata (a causation id, say). */
  metadata?: Partial<EventMetadata>;
}

export interface StoredEvent<Type extends string = string, Data = Record<string, unknown>> {
  eventId: string;
  streamId: string;
  streamType: string;
  version: number;
  type: Type;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  occurredAt: Date;
  recordedAt: Date;
  position: LogPosition;
}

/** An event as recorded elsewhere and loaded into an empty log as it was: the log assigns its position. */
export type ImportedEvent = Omit<StoredEvent, 'position'>;

/** A number (the stream's current version), `no_stream` (it must not exist yet) or `any`. */
export type ExpectedVersion = number | 'no_stream' | 'any';

export interface IdempotencyKey {
  /** Who may replay it: the principal that sent the first request. */
  scope: string;
  key: string;
  /** A digest of the request; the same key with another request is refused. */
  requestHash: string;
}

/**
 * Unique claims taken or given up together with an append, in its transaction: a claim is held by at most
 * one stream (one open diagnostic per enterprise, campaign and kind, say).
 */
export interface StreamClaims {
  acquire?: readonly string[];
  release?: readonly string[];
}

export interface AppendResult {
  streamId: string;
  /** The stream's version after the append: the last appended event's version. */
  version: number;
  /** Where the last appended event landed in the global log. */
  position: LogPosition;
  /** True when the idempotency key had been used for this request already and nothing was appended. */
  replayed: boolean;
}

export interface ReadStreamOptions {
  /** Only events with a version above this one. */
  afterVersion?: number;
  /** Only events up to and including this version. */
  toVersion?: number;
  /** Only events recorded at or before this moment ("as of" reads). */
  recordedUntil?: Date;
}

export interface ReadAllOptions {
  after: LogPosition;
  limit: number;
}
