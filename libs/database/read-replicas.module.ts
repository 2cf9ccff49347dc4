import { type DynamicModule, Inject, Injectable, Module, type OnModuleDestroy } from '@nestjs/common';
import { readsTotal, scrapeGauge } from '#libs/metrics';
import type { Database } from './database.js';
import { DATABASE } from './database.module.js';
import { REPLICA_STATES, ReadReplicas, type ReadReplicasOptions } from './read-replicas.js';

type Options = Omit<ReadReplicasOptions, 'onRead'>;

/** Closes the replicas' pools and takes their gauges away with the app. */
@Injectable()
class ReadReplicasLifecycle implements OnModuleDestroy {
  private readonly removers: (() => void)[];

  constructor(@Inject(ReadReplicas) private readonly replicas: ReadReplicas) {
    this.removers = replicas.configured
      ? [
          scrapeGauge(
            'tracker_read_replica_lag_seconds',
            'How far behind the primary each read replica may be (absent while it cannot be probed)',
            ['replica'],
            (set) => {
              for (const replica of replicas.status()) {
                if (replica.lagMs !== null) set({ replica: replica.name }, replica.lagMs / 1000);
              }
            },
          ),
          scrapeGauge(
            'tracker_read_replica_state',
            'Each read replica by state: 1 for the state it is in (only `up` serves reads)',
            ['replica', 'state'],
            (set) => {
              for (const replica of replicas.status()) {
                for (const state of REPLICA_STATES)
                  set({ replica: replica.name, state }, replica.state === state ? 1 : 0);
              }
            },
          ),
        ]
      : [];
  }

  async onModuleDestroy(): Promise<void> {
    for (const remove of this.removers) remove();
    await this.replicas.close();
  }
}

/**
 * `DATABASE_READ_URLS`: the api's read replicas (none: every read on the primary). Needs `DatabaseModule`.
 */
@Module({})
export class ReadReplicasModule {
  static forRoot(options: Options): DynamicModule {
    return {
      module: ReadReplicasModule,
      providers: [
        {
          provide: ReadReplicas,
          useFactory: (primary: Database) =>
            ReadReplicas.open(primary, { ...options, onRead: (target) => readsTotal.inc({ database: target.name }) }),
          inject: [DATABASE],
        },
        ReadReplicasLifecycle,
      ],
      exports: [ReadReplicas],
    };
  }
}
