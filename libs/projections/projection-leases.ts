import type { Database, DatabaseSession } from '#libs/database';

/** The advisory-lock class of projection leases (stream locks use class 1). */
const LEASE_LOCK_CLASS = 2;

/**
 * One runner per projection across all processes: a session-level advisory lock held on a connection of this
 * process's own. When the process dies its connection closes and the lock is free for another process to take.
 * On PGlite one process owns the database, so every lease is this process's.
 */
export class ProjectionLeases {
  private session: DatabaseSession | null = null;
  private readonly held = new Set<string>();
  private opening: Promise<void> | undefined;

  constructor(
    private readonly database: Database,
    /** Told the names whose leases went with a lost session. */
    private readonly onLost: (names: string[]) => void = () => undefined,
  ) {}

  holds(name: string): boolean {
    return this.database.kind === 'pglite' || this.held.has(name);
  }

  /**
   * Tries to take the leases this process does not hold; returns the names newly taken. Every call also
   * checks that the session still answers: a session that does not has lost its locks, and this process
   * stops claiming them before it looks for a new one.
   */
  async acquire(names: readonly string[]): Promise<string[]> {
    if (this.database.kind === 'pglite') return [];
    await this.connect();
    const session = this.session;
    if (!session) return [];
    const taken: string[] = [];
    try {
      const free = names.filter((name) => !this.held.has(name));
      if (free.length === 0) await session.query('select 1', []);
      for (const name of free) {
        const [row] = await session.query<{ ok: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as ok', [
          LEASE_LOCK_CLASS,
          name,
        ]);
        if (row?.ok) {
          this.held.add(name);
          taken.push(name);
        }
      }
    } catch (error) {
      this.lost(session);
      await session.close();
      throw error;
    }
    return taken;
  }

  async release(name: string): Promise<void> {
    if (!this.held.delete(name) || !this.session) return;
    await this.session.query('select pg_advisory_unlock($1, hashtext($2))', [LEASE_LOCK_CLASS, name]);
  }

  async close(): Promise<void> {
    this.held.clear();
    const session = this.session;
    this.session = null;
    await session?.close();
  }

  private lost(session: DatabaseSession): void {
    if (this.session !== session) return;
    this.session = null;
    const names = [...this.held];
    this.held.clear();
    if (names.length) this.onLost(names);
  }

  private async connect(): Promise<void> {
    if (this.session) return;
    this.opening ??= (async () => {
      try {
        const session = await this.database.openSession();
        if (!session) return;
        this.session = session;
        // A lost connection loses its locks: stop claiming them at once (another process may take them).
        void session.closed.then(() => this.lost(session));
      } finally {
        this.opening = undefined;
      }
    })();
    await this.opening;
  }
}
