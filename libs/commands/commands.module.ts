import { type DynamicModule, Global, Module } from '@nestjs/common';
import { EventStore } from '#libs/event-store';
import { CommandRunner } from './command-runner.js';

/** Kept per process by default: a few thousand objects' states. */
export const DEFAULT_STATE_CACHE_BYTES = 8 * 1024 * 1024;

@Global()
@Module({})
export class CommandsModule {
  /** `stateCacheBytes`: how much of recently written streams' states each process keeps (0: none). */
  static forRoot(options: { stateCacheBytes?: number } = {}): DynamicModule {
    const stateCacheBytes = options.stateCacheBytes ?? DEFAULT_STATE_CACHE_BYTES;
    return {
      module: CommandsModule,
      providers: [
        {
          provide: CommandRunner,
          inject: [EventStore],
          useFactory: (store: EventStore) => new CommandRunner(store, { observed: true, stateCacheBytes }),
        },
      ],
      exports: [CommandRunner],
    };
  }
}
