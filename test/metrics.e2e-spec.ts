import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withUsccCheckCharacter } from '#libs/enterprises';
import { MetricsServer } from '#libs/metrics';
import { ProjectionEngine } from '#libs/projections';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

/** The value of one sample of a Prometheus text, by its name and exact labels (as printed). */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('Metrics (Prometheus)', () => {
  let t: TestApp;
  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  const admin = as(ADMIN_TOKEN);
  const scrape = async () => (await admin.get('/metrics').expect(200)).text;
  const register = (n: number) =>
    admin.post('/v1/enterprises', {
      uscc: withUsccCheckCharacter(`91520900MA6M0000${n}`),
      name: `贵州指标测试企业${n}有限公司`,
      industryCode: 'C39',
      districtCode: '520900',
      parkId: 'gaxq-dz',
      aboveDesignatedSize: true,
    });

  beforeAll(async () => {
    t = await createTestApp({
      env: { RUN_PROJECTIONS: 'false', RUN_REPORT_SCHEDULER: 'false', METRICS_PORT: '0', METRICS_HOST: '127.0.0.2' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should serve /metrics to an admin key only', async () => {
    await t.http().get('/metrics').expect(401);
    await as(await t.tokenFor('officer', { districtCodes: ['520900'] }))
      .get('/metrics')
      .expect(403);
    const answer = await admin.get('/metrics').expect(200);
    expect(answer.headers['content-type']).toContain('text/plain');
  });

  it('should count requests by route template, commands by outcome, appends and projected events, monotonically', async () => {
    const before = await scrape();
    await register(1).expect(201);
    await register(2).expect(201);
    await register(1).expect(409); // registered already: refused by the rule
    await t.app.get(ProjectionEngine).drain();
    await admin.get(`/v1/enterprises/${withUsccCheckCharacter('91520900MA6M00001')}`).expect(200);
    await admin.get('/v1/no-such-route').expect(404);
    const after = await scrape();

    const count = (text: string, name: string, labels: string) => sample(text, name, labels) ?? 0;
    const registered = 'type="RegisterEnterprise",outcome="ok"';
    expect(
      count(after, 'tracker_commands_total', registered) - count(before, 'tracker_commands_total', registered),
    ).toBe(2);
    const refused = 'type="RegisterEnterprise",outcome="refused"';
    expect(count(after, 'tracker_commands_total', refused) - count(before, 'tracker_commands_total', refused)).toBe(1);
    const created = 'method="POST",route="/v1/enterprises",status="201"';
    expect(count(after, 'tracker_http_request_duration_seconds_count', created)).toBe(
      count(before, 'tracker_http_request_duration_seconds_count', created) + 2,
    );
    // The template, never the id.
    expect(after).toContain('route="/v1/enterprises/:id",status="200"');
    expect(after).toContain('route="unmatched",status="404"');
    expect(after).not.toContain('MA6M00001');
    const appended = 'stream_type="Enterprise"';
    expect(count(after, 'tracker_events_appended_total', appended)).toBeGreaterThanOrEqual(2);
    expect(count(after, 'tracker_append_duration_seconds_count', '')).toBeGreaterThanOrEqual(2);
    expect(
      count(after, 'tracker_projection_events_total', 'projection="enterprises",mode="live"'),
    ).toBeGreaterThanOrEqual(2);

    // Every counter moved forward or stayed.
    for (const line of before.split('\n').filter((l) => /^tracker_\w+_(total|count)[{ ]/.test(l))) {
      const key = line.slice(0, line.lastIndexOf(' '));
      const later = after.split('\n').find((l) => l.startsWith(`${key} `));
      expect(Number(later?.slice(later.lastIndexOf(' ') + 1))).toBeGreaterThanOrEqual(
        Number(line.slice(line.lastIndexOf(' ') + 1)),
      );
    }
  });

  it("should show each projection's lag and status, the fence's wait and the process's own metrics", async () => {
    await t.app.get(ProjectionEngine).drain();
    const text = await scrape();
    expect(sample(text, 'tracker_projection_lag_events', 'projection="enterprises"')).toBe(0);
    expect(sample(text, 'tracker_projection_lag_seconds', 'projection="audit"')).toBe(0);
    expect(sample(text, 'tracker_projection_status', 'projection="enterprises",status="running"')).toBe(1);
    expect(sample(text, 'tracker_projection_status', 'projection="enterprises",status="failed"')).toBe(0);
    expect(sample(text, 'tracker_log_oldest_appender_seconds')).toBe(0);
    expect(text).toContain('# TYPE tracker_report_duration_seconds histogram');
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('should serve the same without a key on METRICS_PORT at METRICS_HOST only, and nothing else there', async () => {
    const port = t.app.get(MetricsServer).listeningPort;
    expect(port).toEqual(expect.any(Number));
    const answer = await fetch(`http://127.0.0.2:${port}/metrics`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('tracker_commands_total');
    expect((await fetch(`http://127.0.0.2:${port}/v1/enterprises`)).status).toBe(404);
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow(); // another address: nobody listens
  });
});
