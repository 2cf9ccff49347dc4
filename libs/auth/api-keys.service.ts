import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { ApiKeyRepository } from './api-key.repository.js';
import { type Principal, type Role, type Scope } from './principal.js';

const TOKEN_PREFIX = 'trk_';
/** How long a looked-up key is trusted without asking the database; a revocation elsewhere waits this long. */
const CACHE_TTL_MS = 5_000;
const CACHE_MAX = 10_000;

/**
 * API keys: random tokens shown once, stored only as SHA-256 hashes (a 256-bit random token needs no slow
 * hash), revocable. `BOOTSTRAP_ADMIN_TOKEN`, when set, is accepted as an admin.
 */
export class ApiKeysService {
  private readonly bootstrap: Buffer | undefined;
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();

  constructor(
    private readonly repository: ApiKeyRepository,
    bootstrapAdminToken: string | undefined,
  ) {
    this.bootstrap = bootstrapAdminToken ? hash(bootstrapAdminToken) : undefined;
  }

  async create(input: { name: string; role: Role; scope: Scope }, createdBy: string | null) {
    const id = randomUUID();
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    await this.repository.create({ id, ...input, tokenHash: hash(token).toString('hex'), createdBy });
    return { id, token };
  }

  async revoke(id: string): Promise<boolean> {
    const revoked = await this.repository.revoke(id);
    for (const [digest, entry] of this.cache) if (entry.principal?.keyId === id) this.cache.delete(digest);
    return revoked;
  }

  async authenticate(token: string): Promise<Principal | null> {
    const digest = hash(token);
    if (this.bootstrap && timingSafeEqual(digest, this.bootstrap)) {
      return { keyId: 'bootstrap-admin', name: 'bootstrap admin', role: 'admin', scope: {} };
    }
    const hex = digest.toString('hex');
    const now = Date.now();
    const cached = this.cache.get(hex);
    if (cached && cached.until > now) return cached.principal;
    const key = await this.repository.findActiveByTokenHash(hex);
    const principal: Principal | null = key
      ? { keyId: key.id, name: key.name, role: key.role as Role, scope: key.scope }
      : null;
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(hex, { principal, until: now + CACHE_TTL_MS });
    return principal;
  }

  /** On a database without keys and without a bootstrap token, the first admin key (printed once by the caller). */
  async createFirstAdminKeyIfNone(): Promise<{ id: string; token: string } | null> {
    if (this.bootstrap || (await this.repository.countActive()) > 0) return null;
    return this.create({ name: 'first admin', role: 'admin', scope: {} }, null);
  }
}

function hash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
