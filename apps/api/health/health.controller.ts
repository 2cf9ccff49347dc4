import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  type HealthCheckResult,
  HealthCheckService,
  type HealthIndicatorFunction,
  HealthIndicatorService,
} from '@nestjs/terminus';
import type { HttpResponse } from '../http/http-request.js';
import { Public } from '#libs/auth';
import { DATABASE, type Database, pendingMigrations, ReadReplicas } from '#libs/database';
import { DemoDataLoader } from '#libs/demo-data';
import { EventStore } from '#libs/event-store';
import { ProjectionAdmin } from '#libs/projections';
import { LogFenceStatus } from '../admin/log-fence.status.js';
import { Unlimited } from '../http/rate-limit.guard.js';

const RETRY_AFTER_SECONDS = 5;

/**
 * For people and orchestrators, never rate-limited: `/health` (the database and each projection's lag),
 * `/health/live` (the process runs) and `/health/ready` (the database answers and is migrated).
 */
@Controller('health')
@Public()
@Unlimited()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DATABASE) private readonly database: Database,
    private readonly projections: ProjectionAdmin,
    private readonly fence: LogFenceStatus,
    private readonly store: EventStore,
    private readonly demoData: DemoDataLoader,
    private readonly replicas: ReadReplicas,
  ) {}

  @Get()
  check(@Res({ passthrough: true }) response: HttpResponse) {
    return this.answer(response, [
      () => this.databaseUp(),
      // Shown, not judged: a lagging or failed read model does not make this process unfit to serve writes
      // (every instance shares it); the admin API says what to do about it.
      async () => {
        const indicator = this.indicators.check('projections');
        const statuses = await this.projections.status().catch(() => null);
        if (!statuses) return indicator.down({ message: 'unknown while the database cannot be reached' });
        return indicator.up(
          Object.fromEntries(
            statuses.map((p) => [p.name, { status: p.status, lagEvents: p.lagEvents, lagSeconds: p.lagSeconds }]),
          ),
        );
      },
      // Shown too: an event-writing transaction open too long holds every projection back until it ends.
      async () => {
        const indicator = this.indicators.check('log');
        const stall = await this.fence.stall().catch(() => undefined);
        if (stall === undefined) return indicator.down({ message: 'unknown while the database cannot be reached' });
        // No process id here (this route is public): the admin API names it.
        return indicator.up({ stalledBy: stall && { since: stall.since, ageMs: stall.ageMs } });
      },
      // Shown, not judged: a replica lagging or down is skipped, and the primary answers its reads. No address
      // here (public): the admin API names each replica's host and why it is skipped.
      ...(this.replicas.configured
        ? [
            () =>
              this.indicators.check('readDatabases').up({
                primary: { reads: this.replicas.readsOnPrimary },
                replicas: Object.fromEntries(
                  this.replicas
                    .status()
                    .map((replica) => [
                      replica.name,
                      { state: replica.state, lagMs: replica.lagMs, reads: replica.reads },
                    ]),
                ),
              }),
          ]
        : []),
      // While and after the demo's history loads (DEMO_DATA=true): how far it is; the projections' lag
      // above says how far the read models are behind it.
      ...(this.demoData.status.state === 'idle'
        ? []
        : [() => this.indicators.check('demoData').up({ ...this.demoData.status })]),
    ]);
  }

  /** 200 while the process runs and its event loop turns: restart it only when this fails. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** 503 while the database is unreachable or not migrated: send no traffic here until it is 200. */
  @Get('ready')
  ready(@Res({ passthrough: true }) response: HttpResponse) {
    return this.answer(response, [
      () => this.databaseUp(),
      async () => {
        const indicator = this.indicators.check('migrations');
        const pending = await pendingMigrations(this.database.db).catch(() => null);
        if (pending === null) return indicator.down({ message: 'the migrations could not be read' });
        return pending.length ? indicator.down({ pending }) : indicator.up();
      },
      // A log restored into another cluster: new events would sort before those already read.
      async () => {
        const indicator = this.indicators.check('logOrder');
        const order = await this.store.logOrder().catch(() => null);
        if (order === null) return indicator.down({ message: 'the event log could not be read' });
        return order.ok
          ? indicator.up()
          : indicator.down({
              message: "the database's transaction counter is behind the event log (restored into another cluster)",
              newestLogTransaction: order.newest,
              currentTransaction: order.current,
            });
      },
    ]);
  }

  /** Terminus's body either way: 200 when every indicator is up, else 503 with `Retry-After`. */
  private async answer(response: HttpResponse, indicators: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    try {
      return await this.health.check(indicators);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503).header('Retry-After', String(RETRY_AFTER_SECONDS));
      return error.getResponse() as HealthCheckResult;
    }
  }

  private async databaseUp() {
    const indicator = this.indicators.check('database');
    try {
      await this.database.ping();
      return indicator.up({ kind: this.database.kind });
    } catch {
      // The driver's message would name the server's address: this route is public.
      return indicator.down({ kind: this.database.kind, message: 'unreachable' });
    }
  }
}
