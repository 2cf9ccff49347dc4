import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { ENTERPRISE_STREAM, enterpriseStreamId, withUsccCheckCharacter } from '#libs/enterprises';
import { compareLogPositions, decodeLogPosition, encodeLogPosition } from '#libs/event-store';
import { anEventMetadata, describeOnServer } from '#libs/testing';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

const WRITERS = 48;
const ROUNDS = 4;

describeOnServer('Projection of writes that commit out of order (HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should project every acknowledged write, including one committed long after later ones', async () => {
    const register = (n: number) =>
      t
        .http()
        .post('/v1/enterprises')
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .send({
          uscc: withUsccCheckCharacter(`91520900MA6L${String(n).padStart(5, '0')}`),
          name: `并发企业${n}`,
          industryCode: 'C39',
          districtCode: '520900',
          parkId: 'gaxq-dz',
          aboveDesignatedSize: n % 2 === 0,
        });

    // A transaction that takes its place in the log first and commits last.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let appended!: () => void;
    const lateAppended = new Promise<void>((resolve) => (appended = resolve));
    const lateUscc = withUsccCheckCharacter('91520900MA6L99999');
    const late = t.database.db.transaction().execute(async (trx) => {
      const result = await t.store.append(
        enterpriseStreamId(lateUscc),
        ENTERPRISE_STREAM,
        [
          {
            type: 'EnterpriseRegistered',
            data: {
              uscc: lateUscc,
              name: '迟提交企业',
              industryCode: 'C39',
              districtCode: '520900',
              parkId: 'gaxq-dz',
              aboveDesignatedSize: true,
              statYear: 2026,
            },
          },
        ],
        { expectedVersion: 'no_stream', metadata: anEventMetadata(), transaction: trx },
      );
      appended();
      await released;
      return result;
    });
    await lateAppended; // it holds its place in the log before any HTTP write takes one

    const positions: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const answers = await Promise.all(Array.from({ length: WRITERS }, (_, i) => register(round * WRITERS + i)));
      for (const answer of answers) {
        expect(answer.status).toBe(201);
        positions.push(answer.body.position as string);
      }
    }
    release();
    const lateResult = await late;
    // The late write's global position is older than every HTTP write's, its commit later than all of them.
    expect(positions.every((p) => decodeLogPosition(p).globalPosition > lateResult.position.globalPosition)).toBe(true);

    const newest = [...positions, encodeLogPosition(lateResult.position)]
      .map(decodeLogPosition)
      .sort(compareLogPositions)
      .at(-1)!;
    const ids: string[] = [];
    for (let cursor: string | null = null; ;) {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await t
        .http()
        .get(`/v1/enterprises?limit=200${cursor ? `&cursor=${cursor}` : ''}`)
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .set('X-Min-Position', encodeLogPosition(newest))
        .expect(200);
      ids.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
      if (!cursor) break;
    }
    expect(ids).toHaveLength(WRITERS * ROUNDS + 1);
    expect(ids).toContain(lateUscc);
  });
});
