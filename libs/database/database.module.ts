import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '#libs/config';
import { type Database, type OpenDatabaseOptions, openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';
import { READ_DATABASE, routedReads } from './read-routing.js';

export const DATABASE = Symbol('DATABASE');

export interface DatabaseModuleOptions extends OpenDatabaseOptions {
  migrate: boolean;
}

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  private static readonly logger = new Logger('Database');

  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** The database the configuration names, for an app (`applicationName` shows in pg_stat_activity). */
  static fromConfig(config: AppConfig, applicationName: string): DynamicModule {
    return DatabaseModule.forRoot({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      migrate: config.migrate,
      poolSize: config.poolSize,
      idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs,
      connectTimeoutMs: config.connectTimeoutMs,
      applicationName,
    });
  }

  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DATABASE,
          useFactory: async (): Promise<Database> => {
            const database = await openDatabase(options);
            DatabaseModule.logger.log(
              database.kind === 'pglite'
                ? `Embedded PostgreSQL (PGlite) at ${options.dataDir ?? 'memory'}`
                : 'PostgreSQL server (DATABASE_URL)',
            );
            try {
              await database.ping();
            } catch (error) {
              await database.close();
              const where = options.url ? new URL(options.url).host : 'PGlite';
              throw new Error(
                `The database at ${where} cannot be reached (${error instanceof Error ? error.message : String(error)}); ` +
                  'the service needs it to start',
                { cause: error },
              );
            }
            if (options.migrate) {
              const applied = await migrateToLatest(database.db);
              DatabaseModule.logger.log(applied.length ? `Migrated: ${applied.join(', ')}` : 'Schema up to date');
            }
            return database;
          },
        },
        // The query repositories' view: the primary, or the replica a request was routed to.
        { provide: READ_DATABASE, useFactory: routedReads, inject: [DATABASE] },
      ],
      exports: [DATABASE, READ_DATABASE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
