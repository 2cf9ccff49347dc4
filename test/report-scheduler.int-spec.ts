import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Kysely, sql } from 'kysely';
import type { DB } from '#libs/database';
import { ENTERPRISE_STREAM, enterpriseStreamId, withUsccCheckCharacter } from '#libs/enterprises';
import { EventStore } from '#libs/event-store';
import { ProjectionEngine } from '#libs/projections';
import { latestDuePeriod, REPORT_KINDS, ReportScheduler, ReportService } from '#libs/reporting';
import { anEventMetadata, createTestDatabase, describeOnServer, momentFromNow, type TestDatabase } from '#libs/testing';
import { buildOnce, type Child, errorLines, startChild, waitUntil } from './support/processes.js';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

/** Two districts' firms, registered at `registeredAt` and recorded then: reports are due for every period since. */
async function loadHistory(store: EventStore, db: Kysely<DB>, registeredAt: Date): Promise<void> {
  for (const [i, district] of [
    [1, '520900'],
    [2, '520900'],
    [3, '520115'],
  ] as const) {
    const uscc = withUsccCheckCharacter(`91${district}MA6T0000${i}`);
    await store.append(
      enterpriseStreamId(uscc),
      ENTERPRISE_STREAM,
      [
        {
          type: 'EnterpriseRegistered',
          data: {
            uscc,
            name: `企业${i}`,
            industryCode: 'C39',
            districtCode: district,
            parkId: 'gaxq-dz',
            aboveDesignatedSize: true,
            statYear: registeredAt.getUTCFullYear(),
          },
          occurredAt: registeredAt,
        },
      ],
      { expectedVersion: 'no_stream', metadata: anEventMetadata() },
    );
  }
  // As if recorded when it happened (the log's guard lifted for this test's one rewrite).
  await sql`alter table events disable trigger user`.execute(db);
  await sql`update events set recorded_at = occurred_at`.execute(db);
  await sql`alter table events enable trigger user`.execute(db);
}

/** The scheduler is handed its clock: at NOW, with the history below, these reports are due. */
const NOW = new Date('2026-11-28T12:00:00Z');
const REGISTERED_AT = new Date('2026-09-01T02:00:00Z');
/**
 * Due at NOW with two periods of catch-up, never before the first event (1 September): weeks 45 to 47,
 * September and October, the third quarter; each for the whole deployment and the two districts.
 */
const EXPECTED = ['2026-W45', '2026-W46', '2026-W47', '2026-09', '2026-10', '2026-Q3'].flatMap((period) =>
  ['520115', '520900', 'all'].map((scope) => `${period}|${scope}`),
);
const produced = async (db: Kysely<DB>) =>
  (
    await db.selectFrom('reports').select(['period', 'scope', 'status']).orderBy('period').orderBy('scope').execute()
  ).map((row) => ({ key: `${row.period}|${row.scope}`, status: row.status }));

describe('The report schedule', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      env: { RUN_PROJECTIONS: 'false', RUN_REPORT_SCHEDULER: 'false', REPORT_CATCH_UP_PERIODS: '2' },
    });
    await loadHistory(t.store, t.database.db, REGISTERED_AT);
    await t.app.get(ProjectionEngine).drain();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('should produce every due period, the ones missed while down included, once', async () => {
    const scheduler = t.app.get(ReportScheduler);
    expect(await scheduler.tick(NOW)).toBe(EXPECTED.length);
    const rows = await produced(t.database.db);
    expect(rows.map((row) => row.key).sort()).toEqual([...EXPECTED].sort());
    expect(rows.every((row) => row.status === 'done')).toBe(true);
    expect(await scheduler.tick(NOW)).toBe(0);
  });

  it('should take over a report whose producer went silent or lost its database, and leave one being produced', async () => {
    const owner = t.app.get(ReportService).owner;
    const mark = (period: string, claimedBy: string, claimedAt: Date) =>
      t.database.db
        .updateTable('reports')
        .set({ status: 'running', content: null, claimed_by: claimedBy, claimed_at: claimedAt })
        .where('period', '=', period)
        .where('scope', '=', 'all')
        .execute();
    await mark('2026-09', 'a-process-that-died', new Date(Date.now() - 11 * 60_000));
    await mark('2026-10', 'a-process-at-work', new Date());
    // Left running under this process's own claim by a build that lost the database: taken again at once.
    await mark('2026-Q3', owner, new Date());
    expect(await t.app.get(ReportScheduler).tick(NOW)).toBe(2);
    const rows = await t.database.db
      .selectFrom('reports')
      .select(['period', 'status', 'claimed_by'])
      .where('period', 'in', ['2026-09', '2026-10', '2026-Q3'])
      .where('scope', '=', 'all')
      .orderBy('period')
      .execute();
    expect(rows).toEqual([
      { period: '2026-09', status: 'done', claimed_by: owner },
      { period: '2026-10', status: 'running', claimed_by: 'a-process-at-work' },
      { period: '2026-Q3', status: 'done', claimed_by: owner },
    ]);
  });
});

describeOnServer('The report schedule across processes', () => {
  let database: TestDatabase;
  const children: Child[] = [];

  beforeAll(async () => {
    buildOnce();
    database = await createTestDatabase();
    // The processes read the real clock, so the history is a year old whatever today is.
    await loadHistory(new EventStore(database), database.db, momentFromNow(-400));
  }, 120_000);
  afterAll(async () => {
    for (const child of children) child.process.kill('SIGKILL');
    await database?.close();
  });

  it('should produce exactly one report per kind, period and scope with two workers and an api running', async () => {
    const env = {
      DATABASE_URL: database.url!,
      BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN,
      REPORT_CATCH_UP_PERIODS: '1',
      REPORT_SCHEDULER_INTERVAL_MS: '200',
    };
    // The latest due period of each kind, for each scope. With one period of catch-up, it is still produced
    // if a period ends while the test runs.
    const expected = REPORT_KINDS.flatMap((kind) =>
      ['520115', '520900', 'all'].map(
        (scope) => `${latestDuePeriod(kind, new Date(), 'Asia/Shanghai', 8).label}|${scope}`,
      ),
    );
    children.push(await startChild('dist/apps/worker/main.js', [], env, /worker started/));
    children.push(await startChild('dist/apps/worker/main.js', [], env, /worker started/));
    children.push(await startChild('dist/apps/api/main.js', [], { ...env, PORT: '3932' }, /listening/));
    const allDone = async () => {
      const done = new Set((await produced(database.db)).filter((row) => row.status === 'done').map((row) => row.key));
      return expected.every((key) => done.has(key));
    };
    await waitUntil(allDone, 60_000, 'the due reports');
    await new Promise((resolve) => setTimeout(resolve, 1000)); // more ticks of all three: still one each
    // One row per key is the table's constraint; what the processes must get right is that every due report
    // is produced and none is left failed or half-done by the race for it.
    const rows = await produced(database.db);
    expect(rows.map((row) => row.key)).toEqual(expect.arrayContaining(expected));
    expect(rows.filter((row) => row.status !== 'done')).toEqual([]);
    for (const child of children) expect(errorLines(child.output())).toEqual([]);
  }, 120_000);
});
