import type { Database } from '#libs/database';
import type { ProjectionCheckpointRepository } from './projection-checkpoint.repository.js';
import type { ProjectionLogger } from './projection-engine.js';
import { ProjectionLeases } from './projection-leases.js';

/**
 * What a process does with the projections it runs: follow the live log, rebuild, or both. A process that only
 * follows leaves the rebuilds to another (the worker's rebuild process), whose batches then never hold up its
 * event loop.
 */
export type ProjectionRole = 'all' | 'follow' | 'rebuild';

/** The lease of a projection's rebuild: held apart from the lease of following it, by one process at a time. */
const rebuildLease = (name: string): string => `${name}#rebuild`;

/** The leases of the projections this process runs, and the owner their checkpoints show. */
export class LeaseKeeper {
  private readonly leases: ProjectionLeases;
  /** On PGlite every lease is ours from the start: the owner is written once. */
  private ownersSet = false;
  private readonly wanted: string[];

  constructor(
    private readonly database: Database,
    private readonly checkpoints: ProjectionCheckpointRepository,
    private readonly names: readonly string[],
    private readonly owner: string,
    private readonly logger: ProjectionLogger,
    private readonly role: ProjectionRole = 'all',
  ) {
    this.leases = new ProjectionLeases(database, (names) =>
      logger.warn(`${names.join(', ')}: lease lost with its database session; taking it again when possible`),
    );
    this.wanted = [...(role === 'rebuild' ? [] : names), ...(role === 'follow' ? [] : names.map(rebuildLease))];
  }

  /** This process follows the live log for this projection. */
  follows(name: string): boolean {
    return this.role !== 'rebuild' && this.leases.holds(name);
  }

  /** This process rebuilds this projection when a rebuild is asked for. */
  rebuilds(name: string): boolean {
    return this.role !== 'follow' && this.leases.holds(rebuildLease(name));
  }

  /** This process has some work on this projection. */
  holds(name: string): boolean {
    return this.follows(name) || this.rebuilds(name);
  }

  /** Takes the leases no process holds, and shows this process as the runner of those it follows. */
  async take(): Promise<void> {
    const taken = await this.leases.acquire(this.wanted);
    for (const name of taken) {
      if (this.names.includes(name)) {
        await this.checkpoints.setOwner(this.database.db, name, this.owner);
        this.logger.log(`${name}: running in this process (${this.owner})`);
      } else {
        this.logger.log(`${name.replace('#rebuild', '')}: rebuilds run in this process (${this.owner})`);
      }
    }
    if (this.database.kind === 'pglite' && !this.ownersSet) {
      this.ownersSet = true;
      for (const name of this.names) await this.checkpoints.setOwner(this.database.db, name, this.owner);
    }
  }

  close(): Promise<void> {
    return this.leases.close();
  }
}
