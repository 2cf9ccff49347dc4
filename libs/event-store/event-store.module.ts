import { DATABASE, type Database } from '#libs/database';
import { Global, Module } from '@nestjs/common';
import { EventStore } from './event-store.js';
import { Upcasters } from './upcasters.js';

@Global()
@Module({
  providers: [
    { provide: Upcasters, useFactory: () => new Upcasters() },
    {
      provide: EventStore,
      inject: [DATABASE, Upcasters],
      useFactory: (database: Database, upcasters: Upcasters) => new EventStore(database, upcasters),
    },
  ],
  exports: [EventStore, Upcasters],
})
export class EventStoreModule {}
