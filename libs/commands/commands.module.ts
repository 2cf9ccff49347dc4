import { Global, Module } from '@nestjs/common';
import { EventStore } from '#libs/event-store';
import { CommandRunner } from './command-runner.js';

@Global()
@Module({
  providers: [
    { provide: CommandRunner, inject: [EventStore], useFactory: (store: EventStore) => new CommandRunner(store, true) },
  ],
  exports: [CommandRunner],
})
export class CommandsModule {}
