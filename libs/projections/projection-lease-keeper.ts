import type { Database } from '#libs/database';
import type { ProjectionCheckpointRepository } from './projection-checkpoint.repository.js';
import type { ProjectionLogger } from './projection-engine.js';
import { ProjectionLeases } from './projection-leases.js';

/** The leases of the projections this process runs, and the owner their checkpoints show. */
export class LeaseKeeper {
  private readonly leases: ProjectionLeases;
  /** On PGlite every lease is ours from the start: the owner is written once. */
  private ownersSet = false;

  constructor(
    private readonly database: Database,
    private readonly checkpoints: ProjectionCheckpointRepository,
    private readonly names: readonly string[],
    private readonly owner: string,
    private readonly logger: ProjectionLogger,
  ) {
    this.leases = new ProjectionLeases(database, (names) =>
      logger.warn(`${names.join(', ')}: lease lost with its database session; taking it again when possible`),
    );
  }

  holds(name: string): boolean {
    return this.leases.holds(name);
  }

  /** Takes the leases no process holds, and shows this process as the runner of those it took. */
  async take(): Promise<void> {
    const taken = await this.leases.acquire(this.names);
    for (const name of taken) {
      await this.checkpoints.setOwner(this.database.db, name, this.owner);
      this.logger.log(`${name}: running in this process (${this.owner})`);
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
