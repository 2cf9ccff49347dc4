import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withUsccCheckCharacter } from '#libs/enterprises';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

describe('Structured logs (pino)', () => {
  let t: TestApp;
  const lines: Record<string, unknown>[] = [];
  let raw = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw += chunk.toString();
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const requestLine = (correlationId: string) =>
    lines.find((line) => line['correlationId'] === correlationId && 'response' in line);
  let officer: { id: string; token: string };

  beforeAll(async () => {
    t = await createTestApp({ env: { RUN_PROJECTIONS: 'false', RUN_REPORT_SCHEDULER: 'false' }, logTo: sink });
    officer = await t.keyFor('officer', { districtCodes: ['520900'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("should write one JSON line per request with its route, status, duration, key id and the client's correlation id", async () => {
    const uscc = withUsccCheckCharacter('91520900MA6L00001');
    const answer = await t
      .http()
      .post('/v1/enterprises')
      .set('Authorization', `Bearer ${officer.token}`)
      .set('X-Correlation-Id', 'inspection-2026-042')
      .send({
        uscc,
        name: '贵州日志测试有限公司',
        industryCode: 'C39',
        districtCode: '520900',
        parkId: 'gaxq-dz',
        aboveDesignatedSize: true,
      })
      .expect(201);

    expect(answer.headers['x-correlation-id']).toBe('inspection-2026-042');
    expect(requestLine('inspection-2026-042')).toMatchObject({
      level: 30,
      msg: 'POST /v1/enterprises 201 ' + String(requestLine('inspection-2026-042')?.['durationMs']) + ' ms',
      route: '/v1/enterprises',
      keyId: officer.id,
      request: { method: 'POST', path: '/v1/enterprises' },
      response: { status: 201 },
      durationMs: expect.any(Number),
    });
    // The command's own line, with the ids its events carry.
    expect(lines).toContainEqual(
      expect.objectContaining({
        context: 'Commands',
        type: 'RegisterEnterprise',
        outcome: 'ok',
        objectId: uscc,
        correlationId: 'inspection-2026-042',
        keyId: officer.id,
      }),
    );
    const [event] = await t.store.readStream(`enterprise-${uscc}`);
    expect(event?.metadata.correlationId).toBe('inspection-2026-042');
  });

  it('should make a correlation id when none is sent, return it, and give a write’s events the same one', async () => {
    const uscc = withUsccCheckCharacter('91520900MA6L00002');
    const answer = await t
      .http()
      .post('/v1/enterprises')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({
        uscc,
        name: '贵州日志测试二有限公司',
        industryCode: 'C39',
        districtCode: '520900',
        parkId: 'gaxq-dz',
        aboveDesignatedSize: true,
      })
      .expect(201);
    const id = answer.headers['x-correlation-id'] as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLine(id)).toMatchObject({ route: '/v1/enterprises', response: { status: 201 } });
    const [event] = await t.store.readStream(`enterprise-${uscc}`);
    expect(event?.metadata.correlationId).toBe(id);
  });

  it('should log a refused request as a warning, and never a token', async () => {
    const refused = await t
      .http()
      .get('/v1/enterprises')
      .set('Authorization', 'Bearer trk_not-a-real-token-at-all')
      .expect(401);
    expect(requestLine(refused.headers['x-correlation-id'] as string)).toMatchObject({ level: 40, keyId: null });
    await t.http().get('/v1/enterprises?level=9').set('Authorization', `Bearer ${officer.token}`).expect(400);
    expect(raw).not.toContain(officer.token);
    expect(raw).not.toContain(ADMIN_TOKEN);
    expect(raw).not.toContain('trk_not-a-real-token-at-all');
    expect(raw).not.toMatch(/authorization/i);
  });
});
