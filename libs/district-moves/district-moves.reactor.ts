import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CLOCK, type Clock } from '#libs/clock';
import { CommandRunner } from '#libs/commands';
import { DATABASE, type Database } from '#libs/database';
import { DIAGNOSTIC_STREAM, diagnosticDecider, diagnosticStreamId } from '#libs/diagnostics/domain';
import { DomainError } from '#libs/event-sourcing';
import type { EventMetadata } from '#libs/event-store';
import { ProjectionEngine } from '#libs/projections';
import { PROJECT_STREAM, projectDecider, projectStreamId } from '#libs/projects/domain';
import { DISTRICT_MOVES, possibleMoves } from './district-moves.projection.js';
import { DistrictMovesRepository, type PendingMove } from './district-moves.repository.js';

/** Moves recorded per look; a full page makes it look again once they are projected. */
const PAGE = 200;
/** After a failure (the database away, say), the next look. */
const RETRY_MS = 5_000;
/**
 * A look every so often in the process that follows the projection, whatever happened: after a crash between a
 * batch and its look, or a rebuild done in another process, the moves still owed are recorded.
 */
const SWEEP_MS = 30_000;
const ACTOR = { userId: 'system:district-moves', role: 'system', orgId: null };

/**
 * The policy "a diagnostic or a project is in its enterprise's district": when an enterprise is moved to
 * another district, each of its diagnostics and projects records the move (`DiagnosticDistrictChanged`,
 * `ProjectDistrictChanged`), caused by the correction and under its correlation id, so that scopes, read
 * models, reports and the history follow the enterprise from that event on. It runs where the
 * `district-moves` projection runs, after each of its batches that may leave a move; a move recorded twice
 * (two processes, a crash) is refused by the decider as unchanged.
 */
@Injectable()
export class DistrictMovesReactor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DistrictMoves');
  private readonly repository: DistrictMovesRepository;
  private dirty = true;
  private running: Promise<void> | null = null;
  /** A batch advanced while a look ran: look again after it. */
  private again = false;
  private retry: NodeJS.Timeout | null = null;
  private sweep: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    @Inject(DATABASE) database: Database,
    private readonly engine: ProjectionEngine,
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.repository = new DistrictMovesRepository(database);
  }

  onApplicationBootstrap(): void {
    const mark = () => {
      this.dirty = true;
    };
    possibleMoves.add(mark);
    this.unsubscribe.push(() => possibleMoves.delete(mark));
    this.unsubscribe.push(
      this.engine.onAdvanced((name) => {
        if (name === DISTRICT_MOVES && this.dirty) this.kick();
      }),
    );
    this.sweep = setInterval(() => {
      if (!this.engine.follows(DISTRICT_MOVES)) return;
      this.dirty = true;
      this.kick();
    }, SWEEP_MS);
    this.sweep.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    if (this.retry) clearTimeout(this.retry);
    if (this.sweep) clearInterval(this.sweep);
    await this.running;
  }

  /** Records the moves pending now (tests call it; the engine's batches call it). */
  async recordPending(): Promise<number> {
    this.dirty = false;
    const moves = await this.repository.pending(PAGE);
    let recorded = 0;
    for (const move of moves) {
      if (this.stopped) break;
      if (await this.record(move)) recorded++;
    }
    if (moves.length === PAGE) this.dirty = true;
    return recorded;
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.recordPending()
      .then(() => undefined)
      .catch((error: unknown) => {
        this.dirty = true;
        this.logger.warn(`moves not recorded yet (${error instanceof Error ? error.message : String(error)})`);
        this.retry ??= setTimeout(() => {
          this.retry = null;
          this.kick();
        }, RETRY_MS);
      })
      .finally(() => {
        this.running = null;
        if (this.again && this.dirty) this.kick();
        this.again = false;
      });
  }

  private async record(move: PendingMove): Promise<boolean> {
    const command = {
      type: 'FollowEnterpriseDistrict' as const,
      data: { districtCode: move.to },
      now: this.clock.now(),
      actorId: ACTOR.userId,
    };
    const commandId = randomUUID();
    const metadata: EventMetadata = {
      actor: ACTOR,
      source: 'system',
      commandId,
      correlationId: move.correlationId,
      causationId: move.causeEventId,
    };
    try {
      if (move.kind === 'diagnostic') {
        const stream = { type: DIAGNOSTIC_STREAM, id: diagnosticStreamId(move.aggregateId) };
        await this.runner.run(diagnosticDecider, stream, command, { metadata });
      } else {
        const stream = { type: PROJECT_STREAM, id: projectStreamId(move.aggregateId) };
        await this.runner.run(projectDecider, stream, command, { metadata });
      }
      this.logger.log(
        `${move.kind} ${move.aggregateId} moved with enterprise ${move.enterpriseId}: ${move.from} → ${move.to}`,
      );
      return true;
    } catch (error) {
      // Recorded already (by another process, or before a crash): the projection has not seen it yet.
      if (error instanceof DomainError && error.code === 'district_unchanged') return false;
      throw error;
    }
  }
}
