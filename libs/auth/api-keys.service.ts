import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Database, Unlisten } from '#libs/database';
import { ApiKeyRepository } from './api-key.repository.js';
import { type Principal, type Role, type Scope } from './principal.js';

const TOKEN_PREFIX = 'trk_';
/**
 * How long a looked-up key is trusted without asking the database. Revocations reach every process at once
 * through NOTIFY; this bounds how long one is missed while a process's LISTEN session is away.
 */
const CACHE_TTL_MS = 5_000;
const RECENTLY_VALID_MS = 15 * 60_000;
const CACHE_MAX = 10_000;
/** Revocations are announced here (the payload is the key's id, never a token or hash). */
export const API_KEYS_CHANNEL = 'tracker_keys';
const LISTEN_RETRY_MS = 5_000;

/** What the service needs of the database to hear of revocations made by other processes. */
export type RevocationChannel = Pick<Database, 'kind' | 'listen'>;

/**
 * API keys: random tokens shown once, stored only as SHA-256 hashes (a 256-bit random token needs no slow
 * hash), revocable. `BOOTSTRAP_ADMIN_TOKEN`, when set, is accepted as an admin. Looked-up keys are cached
 * briefly; a revocation clears them in this process at once and, on a server, in every other process through
 * NOTIFY on `tracker_keys`.
 */
export class ApiKeysService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ApiKeys');
  private readonly bootstrap: Buffer | undefined;
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();
  /** Digests of tokens found valid lately: their lookups are never held back by the failed-auth limit. */
  private readonly recentlyValid = new Map<string, number>();
  /** Moves whenever keys may have been revoked: a lookup that started before then caches nothing. */
  private generation = 0;
  private unlisten: Unlisten | undefined;
  private listenRetry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly repository: ApiKeyRepository,
    bootstrapAdminToken: string | undefined,
    private readonly revocations?: RevocationChannel,
  ) {
    this.bootstrap = bootstrapAdminToken ? hash(bootstrapAdminToken) : undefined;
  }

  /** On a server, listens for revocations made by other processes (PGlite has no other process). */
  async onModuleInit(): Promise<void> {
    if (this.revocations?.kind === 'postgres') await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.listenRetry);
    const unlisten = this.unlisten;
    this.unlisten = undefined;
    await unlisten?.();
  }

  async create(input: { name: string; role: Role; scope: Scope }, createdBy: string | null) {
    const id = randomUUID();
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    await this.repository.create({ id, ...input, tokenHash: hash(token).toString('hex'), createdBy });
    return { id, token };
  }

  async revoke(id: string): Promise<boolean> {
    const notify = this.revocations?.kind === 'postgres' ? API_KEYS_CHANNEL : undefined;
    const revoked = await this.repository.revoke(id, notify);
    this.forget(id);
    return revoked;
  }

  /**
   * The caller of a token when that is known without the database: the bootstrap admin, or a cached answer
   * (null: not valid). Undefined when only a lookup can tell.
   */
  knownPrincipal(token: string): Principal | null | undefined {
    const digest = hash(token);
    if (this.bootstrap && timingSafeEqual(digest, this.bootstrap)) {
      return { keyId: 'bootstrap-admin', name: 'bootstrap admin', role: 'admin', scope: {} };
    }
    const cached = this.cache.get(digest.toString('hex'));
    return cached && cached.until > Date.now() ? cached.principal : undefined;
  }

  /**
   * Whether this token was valid within the last quarter of an hour: its lookup is not a likely failure, so
   * a flood of bad tokens from the same address (or a proxy shared by all users) does not lock it out.
   */
  wasRecentlyValid(token: string): boolean {
    const until = this.recentlyValid.get(hash(token).toString('hex'));
    return until !== undefined && until > Date.now();
  }

  async authenticate(token: string): Promise<Principal | null> {
    const known = this.knownPrincipal(token);
    if (known !== undefined) return known;
    const hex = hash(token).toString('hex');
    const generation = this.generation;
    const key = await this.repository.findActiveByTokenHash(hex);
    const principal: Principal | null = key
      ? { keyId: key.id, name: key.name, role: key.role as Role, scope: key.scope }
      : null;
    // A revocation heard while the lookup ran may postdate what it read: answer it, but do not keep it.
    if (generation === this.generation) {
      if (this.cache.size >= CACHE_MAX) this.cache.clear();
      this.cache.set(hex, { principal, until: Date.now() + CACHE_TTL_MS });
      if (principal) {
        if (this.recentlyValid.size >= CACHE_MAX) this.recentlyValid.clear();
        this.recentlyValid.set(hex, Date.now() + RECENTLY_VALID_MS);
      }
    }
    return principal;
  }

  /** On a database without keys and without a bootstrap token, the first admin key (printed once by the caller). */
  async createFirstAdminKeyIfNone(): Promise<{ id: string; token: string } | null> {
    if (this.bootstrap || (await this.repository.countActive()) > 0) return null;
    return this.create({ name: 'first admin', role: 'admin', scope: {} }, null);
  }

  private forget(keyId: string): void {
    this.generation += 1;
    for (const [digest, entry] of this.cache) if (entry.principal?.keyId === keyId) this.cache.delete(digest);
  }

  private forgetAll(): void {
    this.generation += 1;
    this.cache.clear();
  }

  /**
   * The LISTEN session comes back by itself after a lost connection or a server restart; revocations sent
   * meanwhile are lost, so it then forgets every cached key. If it cannot start, it tries again later and the
   * cache's short life covers the gap.
   */
  private async listen(): Promise<void> {
    try {
      const unlisten = await this.revocations!.listen(
        API_KEYS_CHANNEL,
        (keyId) => this.forget(keyId),
        () => this.forgetAll(),
      );
      if (this.stopped) await unlisten();
      else {
        this.unlisten = unlisten;
        this.forgetAll();
      }
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn(
        `Cannot listen for API key revocations yet (${error instanceof Error ? error.message : String(error)}); ` +
          `other processes' revocations take up to ${CACHE_TTL_MS / 1000} s until it can`,
      );
      this.listenRetry = setTimeout(() => void this.listen(), LISTEN_RETRY_MS);
      this.listenRetry.unref();
    }
  }
}

function hash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
