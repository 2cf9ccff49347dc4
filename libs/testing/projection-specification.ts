import type { DB } from '#libs/database';
import { EventStore } from '#libs/event-store';
import { type Projection, ProjectionEngine } from '#libs/projections';
import type { Kysely } from 'kysely';
import { anEventMetadata } from './event.factory.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface GivenEvent {
  type: string;
  data: Record<string, unknown>;
  occurredAt?: Date;
}

/**
 * Given these events on these streams, when the projection has run, then these rows: a read model's spec
 * against a real database (its writes are SQL).
 */
export class ProjectionSpecification {
  private readonly engine: ProjectionEngine;

  private constructor(
    readonly database: TestDatabase,
    readonly store: EventStore,
    projection: Projection,
  ) {
    this.engine = new ProjectionEngine(database, store, [projection]);
  }

  static async for(projection: Projection): Promise<ProjectionSpecification> {
    const database = await createTestDatabase();
    return new ProjectionSpecification(database, new EventStore(database), projection);
  }

  get db(): Kysely<DB> {
    return this.database.db;
  }

  /** Appends the events to the stream (in one append per call) and runs the projection until caught up. */
  async given(streamId: string, streamType: string, events: readonly GivenEvent[]): Promise<void> {
    await this.store.append(
      streamId,
      streamType,
      events.map((event) => ({
        type: event.type,
        data: event.data,
        ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
      })),
      { expectedVersion: 'any', metadata: anEventMetadata() },
    );
    await this.engine.drain();
  }

  async close(): Promise<void> {
    await this.engine.stop();
    await this.database.close();
  }
}
