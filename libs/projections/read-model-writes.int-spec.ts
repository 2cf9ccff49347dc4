import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { sql } from 'kysely';
import { insertRows, type ReadModelRow, upsertRows } from './read-model-writes.js';

const aVersion = (seq: number, facts: unknown): ReadModelRow<'rm_report_versions'> => ({
  object_kind: 'diagnostic',
  object_id: 'd-1',
  seq,
  global_position: 1000 + seq,
  recorded_at: new Date(Date.UTC(2026, 10, seq, 8, 30, 15, 123)),
  occurred_at: '2026-11-01T00:00:00.000+08:00',
  facts,
});

describe(insertRows.name, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 4 });
    await sql`create schema rebuild_test`.execute(database.db);
    await sql`create table rebuild_test.rm_report_versions (like public.rm_report_versions including all)`.execute(
      database.db,
    );
  });
  afterAll(() => database?.close());

  const versions = (schema: string) =>
    database.db.withSchema(schema).selectFrom('rm_report_versions').selectAll().orderBy('seq').execute();

  it('should write each value by its column type, text that needs escaping included', async () => {
    // Given rows with Dates, ISO text, JSON with tabs, quotes and backslashes, and a JSON string
    const rows = [
      aVersion(1, { name: '贵安\t"新区"', path: 'a\\b', lines: 'one\ntwo', none: null }),
      aVersion(2, 'a JSON string, not text'),
    ];
    // When they are inserted
    await database.db.transaction().execute((trx) => insertRows(trx, 'rm_report_versions', rows));
    // Then they read back as written
    expect(await versions('public')).toEqual([
      { ...rows[0], recorded_at: rows[0]!.recorded_at, occurred_at: new Date('2026-10-31T16:00:00.000Z') },
      { ...rows[1], recorded_at: rows[1]!.recorded_at, occurred_at: new Date('2026-10-31T16:00:00.000Z') },
    ]);
  });

  it('should write rows whose text streams in several pieces, all of them and in order', async () => {
    // Given rows of two-byte text, far more than one piece of a COPY's text holds
    const rows = Array.from({ length: 300 }, (_, i) =>
      aVersion(100 + i, { note: `第${i}号：${'数字化车间'.repeat(60)}`, i }),
    );
    // When they are inserted
    await database.db.transaction().execute((trx) => insertRows(trx, 'rm_report_versions', rows));
    // Then every row reads back whole
    const written = (await versions('public')).filter((row) => row.seq >= 100);
    expect(written.map((row) => row.facts)).toEqual(rows.map((row) => row.facts));
  });

  it('should take rows from a generator, each made once and all of them written', async () => {
    // Given a generator that makes rows only as they are taken
    const made: number[] = [];
    function* rows() {
      for (let seq = 500; seq < 505; seq++) {
        made.push(seq);
        yield aVersion(seq, { seq });
      }
    }
    // When they are inserted
    await database.db.transaction().execute((trx) => insertRows(trx, 'rm_report_versions', rows()));
    // Then each was made once and reads back
    expect(made).toEqual([500, 501, 502, 503, 504]);
    const written = (await versions('public')).filter((row) => row.seq >= 500);
    expect(written.map((row) => row.facts)).toEqual(made.map((seq) => ({ seq })));
  });

  it('should run a generator with no rows to its end and write nothing', async () => {
    // Given a generator that makes no row
    let ended = false;
    function* none(): Generator<ReadModelRow<'rm_report_versions'>> {
      yield* [];
      ended = true;
    }
    const before = (await versions('public')).length;
    // When it is inserted
    await insertRows(database.db, 'rm_report_versions', none());
    // Then it ran to its end, and the table is as it was
    expect(ended).toBe(true);
    expect((await versions('public')).length).toBe(before);
  });

  it("should write into a rebuild's copy when the projection is handed the rebuild's schema", async () => {
    await database.db
      .transaction()
      .execute((trx) =>
        insertRows(trx.withSchema('rebuild_test'), 'rm_report_versions', [aVersion(7, { rebuilt: true })]),
      );
    expect((await versions('rebuild_test')).map((row) => row.seq)).toEqual([7]);
    expect((await versions('public')).map((row) => row.seq)).not.toContain(7);
  });

  it('should fail the COPY when its generator throws part-way, write none of its rows, and go on', async () => {
    // Given a generator that throws after making rows for several pieces of the COPY's text
    function* failing(): Generator<ReadModelRow<'rm_report_versions'>> {
      for (let seq = 600; seq < 900; seq++) yield aVersion(seq, { note: '数字化车间'.repeat(60) });
      throw new Error('a projection bug in the middle of a batch');
    }
    const backend = sql<{ pid: number }>`select pg_backend_pid() as pid`;
    let failedOn: number | undefined;
    // When it is inserted in a transaction
    await expect(
      database.db.transaction().execute(async (trx) => {
        failedOn = (await backend.execute(trx)).rows[0]?.pid;
        await insertRows(trx, 'rm_report_versions', failing());
      }),
    ).rejects.toThrow('a projection bug in the middle of a batch');
    // Then none of its rows was written
    expect((await versions('public')).filter((row) => row.seq >= 600 && row.seq < 900)).toEqual([]);
    // and the pool's connections, four at once (all of them), take the next COPY: the one that ran the failed
    // COPY among them, still open
    const seqs = [950, 951, 952, 953];
    const pids = await Promise.all(
      seqs.map((seq) =>
        database.db.transaction().execute(async (trx) => {
          await insertRows(trx, 'rm_report_versions', [aVersion(seq, { after: 'the failure' })]);
          await sql`select pg_sleep(0.05)`.execute(trx);
          return (await backend.execute(trx)).rows[0]?.pid;
        }),
      ),
    );
    expect(failedOn).toBeDefined();
    expect(pids).toContain(failedOn);
    expect((await versions('public')).filter((row) => row.seq >= 600).map((row) => row.seq)).toEqual(seqs);
  });

  it('should refuse a value its column cannot take, and write none of the rows', async () => {
    await expect(
      insertRows(database.db, 'rm_report_versions', [{ ...aVersion(9, {}), seq: 'nine' as never }]),
    ).rejects.toThrow(/integer/);
    expect((await versions('public')).map((row) => row.seq)).not.toContain(9);
  });
});

describe(upsertRows.name, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 4 });
  });
  afterAll(() => database?.close());

  const states = async () =>
    Object.fromEntries(
      (await database.db.selectFrom('rm_audit_subjects').selectAll().orderBy('stream_id').execute()).map((row) => [
        row.stream_id,
        row.state,
      ]),
    );

  it('should insert new rows and replace those with the same key, text of every kind included', async () => {
    // Given three subjects
    await upsertRows(
      database.db,
      'rm_audit_subjects',
      ['stream_id'],
      [
        { stream_id: 'enterprise-1', state: { name: '贵安新区\t"甲"', path: 'a\\b' } },
        { stream_id: 'enterprise-2', state: { name: 'B' } },
        { stream_id: 'enterprise-3', state: [1, 2] },
      ],
    );
    // When one is written again with another, new one
    await upsertRows(
      database.db,
      'rm_audit_subjects',
      ['stream_id'],
      [
        { stream_id: 'enterprise-2', state: { name: '乙', lines: 'one\ntwo' } },
        { stream_id: 'enterprise-4', state: '第四' },
      ],
    );
    // Then the table holds the four, the second replaced
    expect(await states()).toEqual({
      'enterprise-1': { name: '贵安新区\t"甲"', path: 'a\\b' },
      'enterprise-2': { name: '乙', lines: 'one\ntwo' },
      'enterprise-3': [1, 2],
      'enterprise-4': '第四',
    });
  });
});
