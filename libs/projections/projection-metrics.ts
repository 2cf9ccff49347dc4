import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DATABASE, type Database } from '#libs/database';
import { EventStore } from '#libs/event-store';
import { scrapeGauge } from '#libs/metrics';
import { ProjectionAdmin, type ProjectionStatusName } from './projection-admin.js';

const STATUSES: readonly ProjectionStatusName[] = [
  'not_started',
  'running',
  'catching_up',
  'rebuilding',
  'paused',
  'failed',
];

/**
 * What a scrape reads of the read side and the log: each projection's lag (events, seconds) and status, how long
 * the oldest open appender has held the log's readers back (the fence's wait), and the connection pool's use.
 */
@Injectable()
export class ProjectionMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly removers: (() => void)[] = [];

  constructor(
    private readonly admin: ProjectionAdmin,
    private readonly store: EventStore,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  onModuleInit(): void {
    // One read of the statuses serves the three projection gauges of a scrape.
    let statuses: ReturnType<ProjectionAdmin['status']> | null = null;
    const read = () => (statuses ??= this.admin.status().finally(() => setImmediate(() => (statuses = null))));
    this.removers.push(
      scrapeGauge(
        'tracker_projection_lag_events',
        'Events of the log a projection has not applied yet',
        ['projection'],
        async (set) => {
          for (const p of await read()) set({ projection: p.name }, p.lagEvents);
        },
      ),
      scrapeGauge(
        'tracker_projection_lag_seconds',
        'How long ago the oldest event a projection has not applied was recorded',
        ['projection'],
        async (set) => {
          for (const p of await read()) set({ projection: p.name }, p.lagSeconds);
        },
      ),
      scrapeGauge(
        'tracker_projection_status',
        "A projection's status: 1 for the one it is in, 0 for the others",
        ['projection', 'status'],
        async (set) => {
          for (const p of await read()) {
            for (const status of STATUSES) set({ projection: p.name, status }, p.status === status ? 1 : 0);
          }
        },
      ),
      scrapeGauge(
        'tracker_log_oldest_appender_seconds',
        "How long the oldest open appending transaction has been open: the log's readers wait for it (0: none)",
        [],
        async (set) => set({}, ((await this.store.oldestAppender())?.ageMs ?? 0) / 1000),
      ),
      scrapeGauge('tracker_db_pool_connections', "The database pool's connections by state", ['state'], (set) => {
        const pool = this.database.poolStats?.();
        if (!pool) return;
        set({ state: 'total' }, pool.total);
        set({ state: 'idle' }, pool.idle);
        set({ state: 'waiting' }, pool.waiting);
      }),
    );
  }

  onModuleDestroy(): void {
    for (const remove of this.removers.splice(0)) remove();
  }
}
