import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { anEventMetadata, aNewEvent, createTestDatabase, type TestDatabase } from '#libs/testing';
import { LogOrderError } from './event-store.errors.js';
import { EventStore } from './event-store.js';

/**
 * A log restored from a dump into another cluster carries transaction ids above that cluster's counter: new
 * events would sort before events already read, and no projection would ever see them.
 */
describe('The log order guard', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase({ poolSize: 2 });
  });
  afterEach(async () => {
    await database?.close();
  });

  const append = (store: EventStore) =>
    store.append(`order-${crypto.randomUUID()}`, 'Test', [aNewEvent()], {
      expectedVersion: 'no_stream',
      metadata: anEventMetadata(),
    });

  it('should append while the counter is ahead of the log', async () => {
    const store = new EventStore(database);
    await append(store);
    expect((await store.logOrder()).ok).toBe(true);
    await append(store);
  });

  it('should append nothing while the log holds transaction ids the counter has not reached', async () => {
    await sql`insert into events (event_id, stream_id, stream_type, version, type, data, metadata, occurred_at,
                                  recorded_at, transaction_id)
              values (gen_random_uuid(), 'restored-1', 'Test', 1, 'Restored', '{}', '{}', now(), now(),
                      (pg_current_xact_id()::text::bigint + 1000000)::text::xid8)`.execute(database.db);
    const store = new EventStore(database);

    const order = await store.logOrder();
    expect(order.ok).toBe(false);
    await expect(append(store)).rejects.toBeInstanceOf(LogOrderError);
    const { n } = await database.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(1);
  });
});
