import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { sql } from 'kysely';
import { insertRows, type ReadModelRow } from './read-model-writes.js';

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

  it("should write into a rebuild's copy when the projection is handed the rebuild's schema", async () => {
    await database.db
      .transaction()
      .execute((trx) =>
        insertRows(trx.withSchema('rebuild_test'), 'rm_report_versions', [aVersion(7, { rebuilt: true })]),
      );
    expect((await versions('rebuild_test')).map((row) => row.seq)).toEqual([7]);
    expect((await versions('public')).map((row) => row.seq)).not.toContain(7);
  });

  it('should refuse a value its column cannot take, and write none of the rows', async () => {
    await expect(
      insertRows(database.db, 'rm_report_versions', [{ ...aVersion(9, {}), seq: 'nine' as never }]),
    ).rejects.toThrow(/integer/);
    expect((await versions('public')).map((row) => row.seq)).not.toContain(9);
  });
});
