import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from '#libs/database';
import {
  anEventMetadata,
  aNewEvent,
  createTestDatabase,
  describeOnServer,
  NaiveLogReaderRepository,
  readLogToEnd,
  type TestDatabase,
} from '#libs/testing';
import { AppendAfterWriteError } from './event-store.errors.js';
import { EventStore } from './event-store.js';

/**
 * The log's readers wait only for transactions that append events: an open transaction elsewhere (another
 * database, another table, a read model's batch) holds nobody back, while an appender still running does,
 * and nothing it appends is skipped when it commits after later appends.
 */
describeOnServer('The log fence', () => {
  let database: TestDatabase;
  let other: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 8 });
    other = await createTestDatabase({ poolSize: 2 });
    store = new EventStore(database);
  });
  afterAll(async () => {
    await database?.close();
    await other?.close();
  });

  const head = () => readLogToEnd(store);

  const appendOne = (prefix = 'fence') =>
    store.append(`${prefix}-${crypto.randomUUID()}`, 'Test', [aNewEvent()], {
      expectedVersion: 'no_stream',
      metadata: anEventMetadata(),
    });

  /** A connection that opens a transaction, gives it an id with `write`, and keeps it open until released. */
  async function openTransaction(url: string, write: string): Promise<{ release(): Promise<void> }> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('begin');
    await client.query(write);
    return {
      async release() {
        await client.query('rollback');
        await client.end();
      },
    };
  }

  async function expectNotHeldBack(write: string, url: string) {
    const start = await head();
    const open = await openTransaction(url, write);
    try {
      const appended = await appendOne();
      const read = await store.readAll({ after: start, limit: 100 });
      expect(read.map((event) => event.streamId)).toEqual([appended.streamId]);
      // The fence it replaces: the cluster's oldest running transaction, held back by the open one.
      const oldFence = await new NaiveLogReaderRepository(database.db).readFenced('cluster_xmin', start);
      expect(oldFence).toEqual([]);
    } finally {
      await open.release();
    }
  }

  it('should not be held back by a writing transaction in another database', async () => {
    await expectNotHeldBack('create table held_open (x int)', other.url!);
  });

  it('should not be held back by a transaction of this database that writes no event', async () => {
    await expectNotHeldBack('create table held_open (x int)', database.url!);
  });

  it("should not be held back by a read model's batch or a rebuild batch in flight", async () => {
    await expectNotHeldBack(
      `insert into projection_checkpoints (name, version) values ('held-open', 1)`,
      database.url!,
    );
  });

  it('should hold readers back behind an appender still running, and skip nothing when it commits last', async () => {
    await sql(`create or replace function slow_append() returns trigger language plpgsql as $$
               begin if new.stream_id like 'slow-%' then perform pg_sleep(1.5); end if; return new; end $$`);
    await sql(`create trigger slow_append before insert on events for each row execute function slow_append()`);
    try {
      const start = await head();
      const slow = appendOne('slow');
      await sleep(300); // the slow append holds its id and sleeps in its insert
      const fast = await appendOne('fast');
      const whileOpen = await store.readAll({ after: start, limit: 100 });
      const xmaxReader = await new NaiveLogReaderRepository(database.db).readFenced('xmax', start);
      const slowResult = await slow;
      const afterCommit = await store.readAll({ after: start, limit: 100 });

      expect(whileOpen).toEqual([]);
      expect(afterCommit.map((event) => event.streamId)).toEqual([slowResult.streamId, fast.streamId]);
      // A reader fenced at xmax alone passes the running appender: it would never see the slow event.
      expect(xmaxReader.map((row) => row.event_id)).toEqual([afterCommit[1]!.eventId]);
    } finally {
      await sql('drop trigger slow_append on events');
    }
  });

  it('should refuse an append after its transaction has written, and allow a second append', async () => {
    const appendIn = (trx: Kysely<DB>) =>
      store.append(`in-${crypto.randomUUID()}`, 'Test', [aNewEvent()], {
        expectedVersion: 'any',
        metadata: anEventMetadata(),
        transaction: trx,
      });
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx.schema.createTable(`written_first`).addColumn('x', 'integer').execute();
        // A caller that catches the refusal and tries again in the same transaction is refused again.
        await expect(appendIn(trx)).rejects.toBeInstanceOf(AppendAfterWriteError);
        await appendIn(trx);
      }),
    ).rejects.toBeInstanceOf(AppendAfterWriteError);
    const twice = await database.db.transaction().execute(async (trx) => [await appendIn(trx), await appendIn(trx)]);
    expect(twice).toHaveLength(2);
  });

  async function sql(text: string) {
    const client = new pg.Client({ connectionString: database.url! });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  }
});
