import { sql } from 'kysely';
import { type Database, openDatabase } from './database.js';
import type { ReadTarget } from './read-routing.js';

/**
 * - `unknown`: not probed yet;
 * - `up`: serves reads;
 * - `lagging`: further behind the primary than the limit (or how far is unknown): skipped until it catches up;
 * - `down`: unreachable, or a read on it failed for want of the connection: skipped until a probe answers;
 * - `not_a_replica`: answers but is not in recovery (a promoted or misconfigured server): never used.
 */
export type ReplicaState = 'unknown' | 'up' | 'lagging' | 'down' | 'not_a_replica';

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
  probeIntervalMs?: number;
  poolSize: number;
  connectTimeoutMs: number;
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

const DEFAULT_PROBE_INTERVAL_MS = 1000;

interface Replica {
  readonly target: ReadTarget;
  readonly host: string;
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

  private constructor(
    primary: Database,
    replicas: { target: ReadTarget; host: string }[],
    private readonly options: ReadReplicasOptions,
  ) {
    this.primary = { name: 'primary', database: primary };
    this.replicas = replicas.map(({ target, host }) => ({
      target,
      host,
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
            applicationName: `${options.applicationName}:read`,
          }),
        },
        host: new URL(url).host,
      })),
    );
    const set = new ReadReplicas(primary, replicas, options);
    if (replicas.length) {
      await set.probe();
      const interval = options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
      set.timer = setInterval(() => void set.probe(), interval).unref();
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
    return usable[this.turn++ % usable.length]!.target;
  }

  /** A read on this replica failed for want of its connection: skip it until a probe reaches it again. */
  unavailable(target: ReadTarget, error: unknown): void {
    const replica = this.replicas.find((candidate) => candidate.target === target);
    if (replica) Object.assign(replica, { state: 'down', lagMs: null, reason: describe(error) });
  }

  /** Counts a read answered by this target. */
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
    await Promise.all(this.replicas.map((replica) => replica.target.database.close()));
  }

  private async probeAll(): Promise<void> {
    const startedAt = Date.now();
    // The primary's WAL position first: a replica that has replayed past it had everything written until now.
    const primaryLsn = await withTimeout(
      sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(this.primary.database.db),
      this.probeTimeoutMs,
    ).then(
      (result) => result.rows[0]?.lsn ?? null,
      () => null,
    );
    await Promise.all(this.replicas.map((replica) => this.probeOne(replica, primaryLsn, startedAt)));
  }

  private async probeOne(replica: Replica, primaryLsn: string | null, startedAt: number): Promise<void> {
    try {
      const { rows } = await withTimeout(
        sql<{ recovery: boolean; caught_up: boolean; replay_age_ms: number | null }>`
          select pg_is_in_recovery() as recovery,
                 coalesce(pg_last_wal_replay_lsn() >= ${primaryLsn}::pg_lsn, false) as caught_up,
                 (extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::float8
                   as replay_age_ms`.execute(replica.target.database.db),
        this.probeTimeoutMs,
      );
      const row = rows[0]!;
      const now = Date.now();
      replica.checkedAt = new Date(now);
      if (!row.recovery) {
        Object.assign(replica, { state: 'not_a_replica', lagMs: null, reason: 'the server is not in recovery' });
        return;
      }
      if (row.caught_up) replica.lastCaughtUpAt = startedAt;
      replica.lagMs = replicaLagMs({
        caughtUp: row.caught_up,
        replayAgeMs: row.replay_age_ms,
        sinceCaughtUpMs: replica.lastCaughtUpAt === null ? null : now - replica.lastCaughtUpAt,
      });
      const behind = replica.lagMs === null || replica.lagMs > this.options.maxLagMs;
      replica.state = behind ? 'lagging' : 'up';
      replica.reason = behind
        ? replica.lagMs === null
          ? 'how far it is behind is unknown'
          : `${replica.lagMs} ms behind the primary (the limit is ${this.options.maxLagMs} ms)`
        : null;
    } catch (error) {
      Object.assign(replica, { state: 'down', lagMs: null, checkedAt: new Date(), reason: describe(error) });
    }
  }

  private get probeTimeoutMs(): number {
    return Math.max(2000, this.options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}
