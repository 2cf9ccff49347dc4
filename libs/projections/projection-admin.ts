import type { Database } from '#libs/database';
import { encodeLogPosition, type EventStore } from '#libs/event-store';
import { type Checkpoint, ProjectionCheckpointRepository } from './projection-checkpoint.repository.js';
import type { ProjectionEngine } from './projection-engine.js';

export type ProjectionStatusName = 'running' | 'catching_up' | 'rebuilding' | 'paused' | 'failed' | 'not_started';

export interface ProjectionStatus {
  name: string;
  version: number;
  status: ProjectionStatusName;
  position: string | null;
  lagEvents: number;
  lagSeconds: number;
  lastError: Checkpoint['lastError'];
  rebuild: { version: number; position: string | null; startedAt: string | null } | null;
  owner: string | null;
  updatedAt: string | null;
}

export class UnknownProjectionError extends Error {
  readonly code = 'projection_not_found';
  constructor(name: string) {
    super(`There is no projection named ${name}`);
  }
}

/** Lag is counted up to this many events (a rebuild's backlog shows as this figure); lagSeconds stays exact. */
const LAG_CAP = 10_000;

/** What the admin API and /health show and do: status with lag, rebuild, pause, resume. */
export class ProjectionAdmin {
  private readonly checkpoints = new ProjectionCheckpointRepository();

  constructor(
    private readonly database: Database,
    private readonly eventStore: EventStore,
    private readonly engine: ProjectionEngine,
  ) {}

  async status(): Promise<ProjectionStatus[]> {
    const checkpoints = await this.checkpoints.list(this.database.db);
    const now = Date.now();
    return Promise.all(
      this.engine.projections.map(async (projection) => {
        const checkpoint = checkpoints.find((found) => found.name === projection.name);
        if (!checkpoint) {
          return {
            name: projection.name,
            version: projection.version,
            status: 'not_started' as const,
            position: null,
            lagEvents: 0,
            lagSeconds: 0,
            lastError: null,
            rebuild: null,
            owner: null,
            updatedAt: null,
          };
        }
        const lag = await this.eventStore.lagAfter(checkpoint.position, LAG_CAP);
        const status: ProjectionStatusName = checkpoint.failed
          ? 'failed'
          : checkpoint.paused
            ? 'paused'
            : checkpoint.rebuild
              ? 'rebuilding'
              : lag.events > 0
                ? 'catching_up'
                : 'running';
        return {
          name: projection.name,
          version: checkpoint.version,
          status,
          position: encodeLogPosition(checkpoint.position),
          lagEvents: lag.events,
          lagSeconds: lag.oldest ? Math.max(0, Math.round((now - lag.oldest.getTime()) / 100) / 10) : 0,
          lastError: checkpoint.lastError,
          rebuild: checkpoint.rebuild && {
            version: checkpoint.rebuild.version,
            position: checkpoint.rebuild.position && encodeLogPosition(checkpoint.rebuild.position),
            startedAt: checkpoint.rebuild.startedAt?.toISOString() ?? null,
          },
          owner: checkpoint.owner,
          updatedAt: checkpoint.updatedAt.toISOString(),
        };
      }),
    );
  }

  async rebuild(name: string): Promise<void> {
    const projection = this.known(name);
    await this.checkpoints.ensure(this.database.db, name, projection.version);
    await this.checkpoints.requestRebuild(this.database.db, name, projection.version);
    this.engine.wake();
  }

  async pause(name: string): Promise<void> {
    this.known(name);
    await this.checkpoints.setPaused(this.database.db, name, true);
  }

  /** Ends a pause, or retries a failed projection from the event it stopped at. */
  async resume(name: string): Promise<void> {
    this.known(name);
    await this.checkpoints.resume(this.database.db, name);
    this.engine.wake();
  }

  private known(name: string) {
    const projection = this.engine.projection(name);
    if (!projection) throw new UnknownProjectionError(name);
    return projection;
  }
}
