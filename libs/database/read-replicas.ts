import { sql } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from './database.js';
import type { ReadTarget } from './read-routing.js';
import { withTimeout } from './timeout.js';

/**
 * - `unknown`: not probed yet;
 * - `up`: serves reads;
 * - `lagging`: further behind the primary than the limit (or how far is unknown): skipped until it catches up;
 * - `down`: unreachable, or a read on it failed for want of the connection: skipped until a probe answers;
 * - `not_a_replica`: answers but is not in recovery (a promoted or misconfigured server): never used.
 */
export const REPLICA_STATES = ['unknown', 'up', 'lagging', 'down', 'not_a_replica'] as const;
export type ReplicaState = (typeof REPLICA_STATES)[number];

export interface ReplicaStatus {
  name: string;
  /** host:port of its URL (for admins; the public /health leaves it out). */
  host: string;
  state: ReplicaState;
  /** How far behind the primary its data may be, in ms (0: it had replayed all the primary had written). */
  lagMs: number | null;
  /** Reads this process sent it. */
  reads: number;
  checkedAt: string | null;
  /** Why it is down, lagging or not used. */
  reason: string | null;
}

export interface ReadReplicasOptions {
  /** `DATABASE_READ_URLS`: the replicas' URLs, in order (`replica-1`, `replica-2`, …). */
  urls: readonly string[];
  /** A replica further behind than this serves no reads until it is back under it. */
  maxLagMs: number;
  poolSize: number;
  connectTimeoutMs: number;
  /** READ_REPLICA_QUERY_TIMEOUT_MS: a read a replica does not answer within this long goes to the primary. */
  queryTimeoutMs: number;
  applicationName: string;
  /** Called for every read routed to a target (the metrics count them). */
  onRead?: (target: ReadTarget) => void;
}

/**
 * How far behind the primary a replica's data may be, from one probe: 0 when it had replayed everything the
 * primary had written when the probe began; otherwise the tighter of two upper bounds, the age of the last
 * transaction it replayed (`pg_last_xact_replay_timestamp()`) and the time since a probe last found it caught
 * up (an idle primary's last commit may be old while its replica misses only a record in flight). Null when
 * neither is known.
 */
export function replicaLagMs(probe: {
  caughtUp: boolean;
  replayAgeMs: number | null;
  sinceCaughtUpMs: number | null;
}): number | null {
  if (probe.caughtUp) return 0;
  const bounds = [probe.replayAgeMs, probe.sinceCaughtUpMs].filter((bound): bound is number => bound !== null);
  return bounds.length ? Math.max(0, Math.round(Math.min(...bounds))) : null;
}

const PROBE_INTERVAL_MS = 1000;
/** A replica whose probe gets no answer within this long is down. */
const PROBE_TIMEOUT_MS = 2000;

interface Replica {
  readonly target: ReadTarget;
  readonly host: string;
  readonly url: string;
  /** The probe's own connection (apart from the pool, so that a busy pool does not look like a dead server). */
  probe: pg.Client | null;
  /** The probe under way, which a second one joins (one connection, one answer). */
  checking: Promise<void> | undefined;
  state: ReplicaState;
  lagMs: number | null;
  checkedAt: Date | null;
  reason: string | null;
  lastCaughtUpAt: number | null;
  reads: number;
}

/**
 * The read replicas of a primary (PostgreSQL streaming replicas), their health from a probe each second, and
 * the choice of one for a read: round robin over those up. Without replicas every read goes to the primary.
 */
export class ReadReplicas {
  readonly primary: ReadTarget;
  private primaryReads = 0;
  private readonly replicas: Replica[];
  private turn = 0;
  private timer: NodeJS.Timeout | undefined;
  private probing: Promise<void> | undefined;
  /** The primary's system identifier: a replica of it has the same. */
  private primarySystem: string | null = null;

  private constructor(
    primary: Database,
    replicas: { target: ReadTarget; host: string; url: string }[],
    private readonly options: ReadReplicasOptions,
  ) {
    this.primary = { name: 'primary', database: primary };
    this.replicas = replicas.map(({ target, host, url }) => ({
      target,
      host,
      url,
      probe: null,
      checking: undefined,
      state: 'unknown',
      lagMs: null,
      checkedAt: null,
      reason: null,
      lastCaughtUpAt: null,
      reads: 0,
    }));
  }

  /** Opens a small pool per replica (no connection until the first probe) and starts probing. */
  static async open(primary: Database, options: ReadReplicasOptions): Promise<ReadReplicas> {
    const replicas = await Promise.all(
      options.urls.map(async (url, index) => ({
        target: {
          name: `replica-${index + 1}`,
          database: await openDatabase({
            url,
            poolSize: options.poolSize,
            // A replica that does not answer is skipped: a read must not wait long for it.
            connectTimeoutMs: Math.min(options.connectTimeoutMs, 2000),
            queryTimeoutMs: options.queryTimeoutMs,
            applicationName: `${options.applicationName}:read`,
          }),
        },
        host: new URL(url).host,
        url,
      })),
    );
    const set = new ReadReplicas(primary, replicas, options);
    if (replicas.length) {
      await set.probe();
      set.timer = setInterval(() => void set.probe(), PROBE_INTERVAL_MS).unref();
    }
    return set;
  }

  get configured(): boolean {
    return this.replicas.length > 0;
  }

  /** A replica to read from (round robin over those up), or undefined: read the primary. */
  pick(): ReadTarget | undefined {
    const usable = this.replicas.filter((replica) => replica.state === 'up');
    if (!usable.length) return undefined;
    this.turn = (this.turn + 1) % usable.length;
    return usable[this.turn]!.target;
  }

  /**
   * A read on this replica failed as if it were away (or the failure came from elsewhere in the request): probe it
   * now, on the probe's own connection, which marks it down if it does not answer.
   */
  suspect(target: ReadTarget): void {
    const replica = this.replicas.find((candidate) => candidate.target === target);
    if (replica) void this.check(replica, null, null, Date.now());
  }

  /** Counts a read sent to this target (a read that falls back to the primary counts on both). */
  served(target: ReadTarget): void {
    const replica = this.replicas.find((candidate) => candidate.target === target);
    if (replica) replica.reads++;
    else this.primaryReads++;
    this.options.onRead?.(target);
  }

  get readsOnPrimary(): number {
    return this.primaryReads;
  }

  status(): ReplicaStatus[] {
    return this.replicas.map((replica) => ({
      name: replica.target.name,
      host: replica.host,
      state: replica.state,
      lagMs: replica.lagMs,
      reads: replica.reads,
      checkedAt: replica.checkedAt?.toISOString() ?? null,
      reason: replica.reason,
    }));
  }

  /** Looks at every replica once (a probe still running is awaited instead of starting another). */
  probe(): Promise<void> {
    this.probing ??= this.probeAll().finally(() => (this.probing = undefined));
    return this.probing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.probing;
    for (const replica of this.replicas) replica.probe?.end().catch(() => undefined);
    await Promise.all(this.replicas.map((replica) => replica.target.database.close()));
  }

  private async probeAll(): Promise<void> {
    const startedAt = Date.now();
    // The primary's WAL position first: a replica that has replayed past it had everything written until now.
    // Unknown while the primary cannot be reached: then the replicas keep the lag last measured.
    const primary = await withTimeout(
      sql<{ lsn: string; system: string }>`
        select pg_current_wal_lsn()::text as lsn, (select system_identifier::text from pg_control_system()) as system
      `.execute(this.primary.database.db),
      PROBE_TIMEOUT_MS,
    ).then(
      (result) => result.rows[0] ?? null,
      () => null,
    );
    if (primary) this.primarySystem = primary.system;
    await Promise.all(
      this.replicas.map((replica) => this.check(replica, primary?.lsn ?? null, this.primarySystem, startedAt)),
    );
  }

  private check(...args: Parameters<ReadReplicas['probeOne']>): Promise<void> {
    const replica = args[0];
    replica.checking ??= this.probeOne(...args).finally(() => (replica.checking = undefined));
    return replica.checking;
  }

  private async probeOne(
    replica: Replica,
    primaryLsn: string | null,
    primarySystem: string | null,
    startedAt: number,
  ): Promise<void> {
    try {
      replica.probe ??= await this.connect(replica);
      const { rows } = await withTimeout(
        replica.probe.query<{ recovery: boolean; system: string; caught_up: boolean; replay_age_ms: number | null }>(
          `select pg_is_in_recovery() as recovery,
                  (select system_identifier::text from pg_control_system()) as system,
                  coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) as caught_up,
                  (extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::float8
                    as replay_age_ms`,
          [primaryLsn],
        ),
        PROBE_TIMEOUT_MS,
      );
      const row = rows[0]!;
      const now = Date.now();
      replica.checkedAt = new Date(now);
      if (!row.recovery || (primarySystem !== null && row.system !== primarySystem)) {
        Object.assign(replica, {
          state: 'not_a_replica',
          lagMs: null,
          reason: row.recovery
            ? `a replica of another primary (system identifier ${row.system}, the primary's ${primarySystem})`
            : 'the server is not in recovery',
        });
        return;
      }
      if (primaryLsn === null && (replica.state === 'up' || replica.state === 'lagging')) {
        // The primary is away (or this is a check between probes): nothing new to compare with.
        return;
      }
      if (row.caught_up) replica.lastCaughtUpAt = startedAt;
      replica.lagMs = replicaLagMs({
        caughtUp: row.caught_up,
        replayAgeMs: row.replay_age_ms,
        sinceCaughtUpMs: replica.lastCaughtUpAt === null ? null : now - replica.lastCaughtUpAt,
      });
      // Back from lagging only well under the limit, so that a replica near it does not flap.
      const limit = replica.state === 'lagging' ? this.options.maxLagMs / 2 : this.options.maxLagMs;
      const behind = replica.lagMs === null || replica.lagMs > limit;
      replica.state = behind ? 'lagging' : 'up';
      replica.reason = behind
        ? replica.lagMs === null
          ? 'how far it is behind is unknown'
          : `${replica.lagMs} ms behind the primary (the limit is ${this.options.maxLagMs} ms)`
        : null;
    } catch (error) {
      replica.probe?.end().catch(() => undefined);
      replica.probe = null;
      Object.assign(replica, { state: 'down', lagMs: null, checkedAt: new Date(), reason: describe(error) });
    }
  }

  private async connect(replica: Replica): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: replica.url,
      application_name: `${this.options.applicationName}:probe`,
      connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    });
    client.on('error', () => undefined); // the next probe's query fails instead, and reconnects
    try {
      await client.connect();
      return client;
    } catch (error) {
      client.end().catch(() => undefined);
      throw error;
    }
  }
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}
