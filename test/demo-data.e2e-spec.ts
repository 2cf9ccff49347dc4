import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DemoDataLoader } from '#libs/demo-data';
import { ProjectionEngine } from '#libs/projections';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

/** The month `back` months before today's (UTC), as a monthly report's period label. */
function monthsAgo(back: number): string {
  const now = new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  return month.toISOString().slice(0, 7);
}

describe('The demo (HTTP)', () => {
  let t: TestApp;
  const admin = () => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`),
    post: (path: string, body: object) => t.http().post(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`).send(body),
  });

  beforeAll(async () => {
    t = await createTestApp({ env: { RUN_PROJECTIONS: 'false', RUN_REPORT_SCHEDULER: 'false' } });
    await t.app.get(DemoDataLoader).load({ enterprises: 60 });
    await t.app.get(ProjectionEngine).drain();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should say in /health that the demo is loaded, and how many events it wrote', async () => {
    const health = await t.http().get('/health').expect(200);
    expect(health.body.info.demoData).toEqual({
      status: 'up',
      state: 'loaded',
      events: expect.any(Number),
      total: expect.any(Number),
    });
    expect(health.body.info.demoData.events).toBeGreaterThan(1000);
  });

  it('should give the monthly reports of past months figures that grow, each marked 演示数据', async () => {
    const headlines = [];
    for (const back of [9, 5, 1]) {
      const created = await admin()
        .post('/v1/reports', { kind: 'monthly', period: monthsAgo(back) })
        .expect(201);
      const report = await admin().get(`/v1/reports/${created.body.id}`).expect(200);
      expect(report.body.report.demo).toBe(true);
      headlines.push(report.body.report.headline);
    }
    // Registered in the history's first two months, diagnosed and built on through the year.
    expect(headlines[0].aboveSizeFirms).toBeGreaterThan(0);
    expect(headlines[0].coverageEver).toBeLessThan(headlines[2].coverageEver);
    expect(headlines[1].projects).toBeGreaterThan(0);
    expect(headlines[2].acceptedProjects).toBeGreaterThanOrEqual(headlines[1].acceptedProjects);

    const list = await admin()
      .get(`/v1/reports?period=${monthsAgo(1)}`)
      .expect(200);
    const csv = await admin().get(`/v1/reports/${list.body.items[0].id}/download?format=csv`).expect(200);
    expect(csv.text).toContain('【演示数据】');
    expect(csv.text).toContain('数据来源：演示数据');
  });

  it('should refuse to load the demo into a log that has events, and write nothing', async () => {
    const before = await t.store.head();
    expect(await t.app.get(DemoDataLoader).load({ enterprises: 5 })).toEqual({ enterprises: 0, events: 0 });
    expect(await t.store.head()).toEqual(before);
  });
});
