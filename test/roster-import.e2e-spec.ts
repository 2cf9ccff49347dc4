import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { enterpriseStreamId, withUsccCheckCharacter } from '#libs/enterprises';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['统一社会信用代码', '企业名称', '行业代码', '所属区县', '所属园区', '是否规上'];

let serial = 0;
/** A valid USCC that no other test uses. */
const nextUscc = () => withUsccCheckCharacter(`91520900MA7R${String(++serial).padStart(5, '0')}`);
/** A code with a wrong check character. */
const badUscc = (uscc: string) => uscc.slice(0, 17) + (uscc.endsWith('0') ? '1' : '0');

async function xlsxOf(rows: unknown[][], header = HEADER): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名录');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csvOf = (rows: unknown[][], header = HEADER) =>
  [header, ...rows].map((cells) => cells.map(String).join(',')).join('\r\n') + '\r\n';

describe('Roster import (HTTP)', () => {
  let t: TestApp;
  let officer: { id: string; token: string };
  let otherOfficer: string;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.keyFor('officer', { districtCodes: ['520900'] });
    otherOfficer = await t.tokenFor('officer', { districtCodes: ['520115'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = (token: string, content: Buffer, type: string, query: Record<string, string> = {}) =>
    t
      .http()
      .post('/v1/imports/enterprises')
      .query(query)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', type)
      .send(content);

  describe('an xlsx list', () => {
    const a = nextUscc();
    const b = nextUscc();
    const bad = badUscc(nextUscc());
    let file: Buffer;

    beforeAll(async () => {
      file = await xlsxOf([
        [a, '贵州贵安甲电子有限公司', 'C3911', '520900', 'gaxq-dz', '是'],
        [b, '贵州贵安乙装备有限公司', 34, '贵安新区', '贵安高端装备产业园', '否'],
        [bad, '贵州贵安丙有限公司', 'C39', '520900', 'gaxq-dz', '是'],
      ]);
    });

    it('should answer the plan of a dry run and append nothing', async () => {
      const before = await t.store.head();
      const response = await upload(officer.token, file, XLSX, { dryRun: 'true', fileName: '名录.xlsx' }).expect(200);

      expect(response.body).toMatchObject({
        dryRun: true,
        file: { name: '名录.xlsx', kind: 'xlsx', sheet: '名录' },
        rows: 3,
        register: [
          {
            row: 2,
            uscc: a,
            industryCode: 'C3911',
            districtCode: '520900',
            parkId: 'gaxq-dz',
            aboveDesignatedSize: true,
          },
          {
            row: 3,
            uscc: b,
            industryCode: 'C34',
            districtCode: '520900',
            parkId: 'gaxq-zb',
            aboveDesignatedSize: false,
          },
        ],
        change: [],
        unchanged: 0,
        refused: [
          { row: 4, column: '统一社会信用代码', code: 'bad_uscc', reason: '统一社会信用代码校验位不符', value: bad },
        ],
        position: null,
      });
      expect(await t.store.head()).toEqual(before);
      expect(await t.store.readStream(enterpriseStreamId(a))).toEqual([]);
    });

    it('should register the new rows through the same commands, recording the import as the source', async () => {
      const response = await upload(officer.token, file, XLSX, { fileName: '名录.xlsx' }).expect(200);

      expect(response.body).toMatchObject({
        dryRun: false,
        register: [
          { row: 2, uscc: a },
          { row: 3, uscc: b },
        ],
        refused: [{ row: 4, code: 'bad_uscc' }],
        position: expect.stringMatching(/^\d+-\d+$/),
      });
      const [registered] = await t.store.readStream(enterpriseStreamId(b));
      expect(registered).toMatchObject({
        type: 'EnterpriseRegistered',
        data: {
          uscc: b,
          name: '贵州贵安乙装备有限公司',
          industryCode: 'C34',
          parkId: 'gaxq-zb',
          aboveDesignatedSize: false,
        },
        metadata: { source: 'import:名录.xlsx', actor: { userId: officer.id, role: 'officer' } },
      });
      // The answer's correlation id (made for the request: none was sent) is the events' one.
      expect(registered?.metadata.correlationId).toBe(response.headers['x-correlation-id']);
      const read = await t
        .http()
        .get(`/v1/enterprises/${a}`)
        .set('Authorization', `Bearer ${officer.token}`)
        .set('X-Min-Position', response.body.position)
        .expect(200);
      expect(read.body).toMatchObject({ name: '贵州贵安甲电子有限公司', industryCode: 'C3911' });
    });

    it('should append nothing when the same file is imported again', async () => {
      const before = await t.store.head();
      const response = await upload(officer.token, file, XLSX).expect(200);

      expect(response.body).toMatchObject({
        register: [],
        change: [],
        unchanged: 2,
        refused: [{ row: 4 }],
        position: null,
      });
      expect(await t.store.head()).toEqual(before);
    });

    it('should take the file as the "file" field of a multipart form', async () => {
      const response = await t
        .http()
        .post('/v1/imports/enterprises?dryRun=true')
        .set('Authorization', `Bearer ${officer.token}`)
        .attach('file', file, '贵安新区名录.xlsx')
        .expect(200);

      expect(response.body).toMatchObject({
        file: { name: '贵安新区名录.xlsx', kind: 'xlsx' },
        unchanged: 2,
        register: [],
      });
    });

    it('should refuse every row to an officer of another district', async () => {
      const before = await t.store.head();
      const response = await upload(otherOfficer, file, XLSX).expect(200);

      expect(response.body.register).toEqual([]);
      expect(response.body.refused).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ row: 2, column: '所属区县', code: 'out_of_scope' }),
          expect.objectContaining({ row: 2, column: '统一社会信用代码', code: 'out_of_scope' }),
          expect.objectContaining({ row: 3, code: 'out_of_scope' }),
        ]),
      );
      expect(await t.store.head()).toEqual(before);
    });
  });

  describe('a CSV list', () => {
    const c = nextUscc();
    const d = nextUscc();

    beforeAll(async () => {
      const registered = csvOf([[c, '贵州贵安丁精密制造有限公司', 'C34', '520900', 'gaxq-dz', '是']]);
      await upload(ADMIN_TOKEN, Buffer.from(registered), 'text/csv').expect(200);
    });

    it('should correct, move and re-scale a changed row from a GBK file, with the import as the reason', async () => {
      const csv = csvOf([
        [c, '贵州贵安丁智能制造有限公司', 'C34', '贵安新区', '马场科技新城', '否'],
        [d, '贵州贵安戊新材料有限公司', '3985', '520900', 'gaxq-bs', 'Y'],
      ]);
      const gbk = iconv.encode(csv, 'gbk');
      const plan = await upload(officer.token, gbk, 'text/csv', { dryRun: 'true', fileName: '名录-更新.csv' }).expect(
        200,
      );
      expect(plan.body).toMatchObject({
        file: { kind: 'csv', encoding: 'GB18030' },
        register: [{ row: 3, uscc: d, name: '贵州贵安戊新材料有限公司', industryCode: 'C3985' }],
        change: [
          {
            row: 2,
            uscc: c,
            changes: [
              {
                field: 'name',
                column: '企业名称',
                from: '贵州贵安丁精密制造有限公司',
                to: '贵州贵安丁智能制造有限公司',
              },
              { field: 'parkId', column: '所属园区', from: 'gaxq-dz', to: 'gaxq-mc' },
              { field: 'aboveDesignatedSize', column: '是否规上', from: true, to: false },
            ],
          },
        ],
      });

      const applied = await upload(officer.token, gbk, 'text/csv', { fileName: '名录-更新.csv' }).expect(200);

      expect(applied.body).toMatchObject({ register: [{ uscc: d }], change: [{ uscc: c }], refused: [] });
      expect((await t.store.readStream(enterpriseStreamId(c))).slice(1)).toMatchObject([
        {
          type: 'EnterpriseDetailsCorrected',
          data: { field: 'name', new: '贵州贵安丁智能制造有限公司', reason: '名录导入 名录-更新.csv' },
          metadata: { source: 'import:名录-更新.csv' },
        },
        { type: 'EnterpriseMovedToPark', data: { from: 'gaxq-dz', to: 'gaxq-mc' } },
        { type: 'EnterpriseScaleStatusChanged', data: { aboveDesignatedSize: false } },
      ]);
      const before = await t.store.head();
      const again = await upload(officer.token, gbk, 'text/csv').expect(200);
      expect(again.body).toMatchObject({ register: [], change: [], unchanged: 2 });
      expect(await t.store.head()).toEqual(before);
    });

    it('should read UTF-8 with a BOM and take the file name from Content-Disposition', async () => {
      const e = nextUscc();
      const csv = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(csvOf([[e, '贵州贵安己有限公司', 'C39', '520900', 'gaxq-dz', '1']])),
      ]);
      const response = await upload(officer.token, csv, 'text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('规上名录.csv')}`)
        .expect(200);

      expect(response.body).toMatchObject({
        file: { name: '规上名录.csv', encoding: 'UTF-8' },
        register: [{ uscc: e }],
      });
      const [registered] = await t.store.readStream(enterpriseStreamId(e));
      expect(registered?.metadata.source).toBe('import:规上名录.csv');
    });
  });

  describe('refused files', () => {
    it('should answer 422 naming a cell that holds a formula, appending nothing', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('名录');
      sheet.addRow(HEADER);
      sheet.addRow([
        nextUscc(),
        '贵州贵安庚有限公司',
        { formula: '"C"&"39"', result: 'C39' },
        '520900',
        'gaxq-dz',
        '是',
      ]);
      const before = await t.store.head();

      const response = await upload(officer.token, Buffer.from(await workbook.xlsx.writeBuffer()), XLSX).expect(422);

      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body).toMatchObject({
        type: '/problems/formula_not_allowed',
        status: 422,
        detail: expect.stringContaining('名录!C2'),
        details: { cell: '名录!C2' },
      });
      expect(await t.store.head()).toEqual(before);
    });

    it('should answer 413 for a body over 10 MB, raw or in a form', async () => {
      const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x41);
      const raw = await upload(officer.token, big, 'text/csv').expect(413);
      expect(raw.body).toMatchObject({ type: '/problems/payload_too_large', detail: expect.stringContaining('10 MB') });
      const form = await t
        .http()
        .post('/v1/imports/enterprises')
        .set('Authorization', `Bearer ${officer.token}`)
        .attach('file', big, 'big.csv')
        .expect(413);
      expect(form.body).toMatchObject({ type: '/problems/payload_too_large' });
    });

    it('should answer 400 for a form that cannot be read, has two files, or its file in another field', async () => {
      const before = await t.store.head();
      const csv = Buffer.from(`${HEADER.join(',')}\n`);
      const post = () => t.http().post('/v1/imports/enterprises').set('Authorization', `Bearer ${officer.token}`);
      const cut = await post().set('Content-Type', 'multipart/form-data; boundary=x').send('--x\r\nContent-Disp');
      const bare = await post().set('Content-Type', 'multipart/form-data').send('x');
      const two = await post().attach('file', csv, 'a.csv').attach('file', csv, 'b.csv');
      const other = await post().attach('roster', csv, 'a.csv');
      for (const response of [cut, bare, two, other]) {
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.body).toMatchObject({ type: '/problems/malformed_request' });
      }
      expect(two.body.detail).toContain('more than one file');
      expect(await t.store.head()).toEqual(before);
    });

    it('should answer 415 for another media type and for a macro-enabled workbook', async () => {
      const json = await t
        .http()
        .post('/v1/imports/enterprises')
        .set('Authorization', `Bearer ${officer.token}`)
        .send({ rows: [] })
        .expect(415);
      expect(json.body).toMatchObject({ type: '/problems/unsupported_media_type', status: 415 });
      await upload(officer.token, Buffer.from('PK'), 'application/vnd.ms-excel.sheet.macroEnabled.12').expect(415);
    });

    it('should answer 422 for a file without a header naming the USCC column', async () => {
      const response = await upload(officer.token, Buffer.from('编号,名称\n1,x\n'), 'text/csv').expect(422);
      expect(response.body).toMatchObject({ type: '/problems/roster_header_not_found' });
    });
  });

  it.each(['viewer', 'assessor', 'enterprise'] as const)('should answer 403 to a %s', async (role) => {
    const token = await t.tokenFor(role, { districtCodes: ['520900'], providerId: 'p-1', enterpriseId: nextUscc() });
    const response = await upload(token, Buffer.from(csvOf([])), 'text/csv').expect(403);
    expect(response.body).toMatchObject({ type: '/problems/forbidden' });
  });
});
