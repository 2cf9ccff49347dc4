import { type DynamicModule, Global, Module } from '@nestjs/common';
import { EventStore } from '#libs/event-store';
import { CommandRunner } from './command-runner.js';

@Global()
@Module({})
export class CommandsModule {
  /** `stateCacheBytes`: how much of recently written streams' states each process keeps (0: none). */
  static forRoot({ stateCacheBytes }: { stateCacheBytes: number }): DynamicModule {
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
