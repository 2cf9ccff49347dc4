import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { sql } from 'kysely';
import { COPY_NULL, CopyRows, copyFromStdin, copyTextValue } from './copy.js';

interface Row {
  id: number;
  note: string | null;
  doc: unknown;
}

describe(copyFromStdin.name, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 4 });
    await sql`create table copy_test (id integer primary key, note text, doc json)`.execute(database.db);
  });
  afterAll(() => database?.close());

  const rows = (...lines: [number, string | null, unknown][]) =>
    new CopyRows([
      lines
        .map(
          ([id, note, doc]) =>
            `${id}\t${note === null ? COPY_NULL : copyTextValue(note)}\t${copyTextValue(JSON.stringify(doc))}\n`,
        )
        .join(''),
    ]);
  const read = async () => (await sql<Row>`select id, note, doc from copy_test order by id`.execute(database.db)).rows;

  it('should copy rows with tabs, newlines, backslashes, quotes and Chinese text as they were', async () => {
    // Given rows whose text needs COPY's escapes
    const awkward: [number, string | null, unknown][] = [
      [1, 'tab\there, line\nbreak, cr\r, back\\slash, \\N as text', { path: 'C:\\data', quote: '"贵安"' }],
      [2, null, ['数字化车间', { nested: 'a\tb' }]],
      [3, '', null],
    ];
    // When they are copied in a transaction
    await database.db
      .transaction()
      .execute((trx) => copyFromStdin('copy_test', ['id', 'note', 'doc'], rows(...awkward)).execute(trx));
    // Then they read back whole
    expect(await read()).toEqual(awkward.map(([id, note, doc]) => ({ id, note, doc })));
  });

  it('should write nothing when the transaction it ran in rolls back', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await copyFromStdin('copy_test', ['id', 'note', 'doc'], rows([10, 'gone', {}])).execute(trx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await read()).map((row) => row.id)).not.toContain(10);
  });

  it('should fail on a bad value and copy none of the rows', async () => {
    const bad = new CopyRows(['20\tfine\t{}\n', '21\tbroken\t{not json\n']);
    await expect(copyFromStdin('copy_test', ['id', 'note', 'doc'], bad).execute(database.db)).rejects.toThrow(/json/i);
    expect((await read()).map((row) => row.id)).not.toContain(20);
  });

  it('should refuse copy rows anywhere but as the one parameter of a COPY', async () => {
    await expect(sql`select ${new CopyRows(['1\n'])}::text`.execute(database.db)).rejects.toThrow(
      /one parameter of a copyFromStdin/,
    );
  });
});
