import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DemoDataLoader } from '#libs/demo-data';
import { LOG_START, LogFileError, readLogFile, type StoredEvent, writeLogFile } from '#libs/event-store';
import { ProjectionEngine } from '#libs/projections';
import { describeOnServer } from '#libs/testing';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

const READS = ['/v1/enterprises', '/v1/providers', '/v1/diagnostics', '/v1/projects', '/v1/audit'];

/** The month before last, as a monthly report's period. */
function pastMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)).toISOString().slice(0, 7);
}

/** What must be the same wherever the log lives: every event (not its position's transaction id). */
async function wholeLog(t: TestApp) {
  const events: StoredEvent[] = [];
  for (let after = LOG_START; ;) {
    const batch = await t.store.readAll({ after, limit: 1000 });
    if (!batch.length) return events.map(({ position, ...e }) => ({ ...e, globalPosition: position.globalPosition }));
    events.push(...batch);
    after = batch.at(-1)!.position;
  }
}

/** The read models as the API shows them, every page, positions left out (they name a transaction). */
async function readModels(t: TestApp) {
  const shown: Record<string, unknown[]> = {};
  for (const path of READS) {
    shown[path] = [];
    for (let cursor = ''; ;) {
      const page = await t
        .http()
        .get(`${path}?limit=200${cursor}`)
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .expect(200);
      shown[path].push(...page.body.items.map(({ position: _p, ...item }: { position?: string }) => item));
      if (!page.body.nextCursor) break;
      cursor = `&cursor=${page.body.nextCursor}`;
    }
  }
  const progress = await t.http().get('/v1/progress').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
  shown['/v1/progress'] = [{ ...progress.body, computedAt: null }];
  return shown;
}

async function monthlyReport(t: TestApp) {
  const created = await t
    .http()
    .post('/v1/reports')
    .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
    .send({ kind: 'monthly', period: pastMonth() })
    .expect(201);
  const report = await t.http().get(`/v1/reports/${created.body.id}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
  return report.body.report as { headline: Record<string, number> };
}

describeOnServer('The event log moved between databases (export-log / import-log)', () => {
  const env = { RUN_PROJECTIONS: 'false', RUN_REPORT_SCHEDULER: 'false' };
  let folder: string;
  const apps: TestApp[] = [];
  const open = async (embedded: boolean) => {
    const t = await createTestApp({ env, embedded });
    apps.push(t);
    return t;
  };
  const importInto = async (t: TestApp, path: string) => {
    expect(await t.store.importIntoEmptyLog(readLogFile(path))).not.toBeNull();
    await t.app.get(ProjectionEngine).drain();
  };

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'tracker-log-move-'));
  });
  afterAll(async () => {
    for (const t of apps) await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('should go from PGlite to the server and back with the same events, read models and past reports', async () => {
    const embedded = await open(true);
    await embedded.app.get(DemoDataLoader).load({ enterprises: 40 });
    await embedded.app.get(ProjectionEngine).drain();
    const there = join(folder, 'embedded.ndjson.gz');
    await writeLogFile(embedded.store, there);

    const server = await open(false);
    await importInto(server, there);
    const back = join(folder, 'server.ndjson');
    await writeLogFile(server.store, back);
    const again = await open(true);
    await importInto(again, back);

    const log = await wholeLog(embedded);
    expect(log.length).toBeGreaterThan(1000);
    expect(await wholeLog(server)).toEqual(log);
    expect(await wholeLog(again)).toEqual(log);
    const models = await readModels(embedded);
    expect(await readModels(server)).toEqual(models);
    expect(await readModels(again)).toEqual(models);
    const report = await monthlyReport(embedded);
    expect(report.headline.aboveSizeFirms).toBeGreaterThan(0);
    expect(await monthlyReport(server)).toEqual(report);
    expect(await monthlyReport(again)).toEqual(report);
    // The claims came along: an open diagnostic's enterprise still cannot get a second one of its kind.
    expect(await server.store.claims()).toEqual(await embedded.store.claims());
  });

  it('should refuse a database that has events, and a file changed or cut short, writing nothing', async () => {
    const source = apps[0]!;
    const file = join(folder, 'whole.ndjson');
    await writeLogFile(source.store, file);
    await expect(apps[1]!.store.importIntoEmptyLog(readLogFile(file))).resolves.toBeNull();

    const lines = readFileSync(file, 'utf8').split('\n');
    const changed = join(folder, 'changed.ndjson');
    writeFileSync(changed, lines.map((l, i) => (i === 5 ? l.replace('"version":', '"version": ') : l)).join('\n'));
    const cut = join(folder, 'cut.ndjson.gz');
    writeFileSync(cut, gzipSync(lines.slice(0, -3).join('\n')));
    const empty = await open(false);
    await expect(empty.store.importIntoEmptyLog(readLogFile(changed))).rejects.toBeInstanceOf(LogFileError);
    await expect(empty.store.importIntoEmptyLog(readLogFile(cut))).rejects.toThrow(/incomplete/);
    expect(await empty.store.head()).toBeNull();
  });
});
