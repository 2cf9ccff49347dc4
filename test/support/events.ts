import type { Database } from '#libs/database';

/** Every stored event, without the log reader's fence (a transaction of another test would not hold it back). */
export async function eventCount(database: Pick<Database, 'db'>): Promise<number> {
  const row = await database.db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
