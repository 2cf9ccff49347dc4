import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { columnName, ImportFileError, MAX_ROWS, readRosterFile } from './roster-file.js';

const HEADER = ['统一社会信用代码', '企业名称', '行业代码', '所属区县', '所属园区', '是否规上'];
const ROW = ['91520900MA6H000014', '贵州贵安甲电子有限公司', 'C39', '贵安新区', '贵安电子信息产业园', '是'];

async function xlsx(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A zip of stored (uncompressed) entries: enough for the parts a file is refused by. */
function storedZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += 30 + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

async function refusal(content: Buffer): Promise<ImportFileError> {
  const error = await readRosterFile(content).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
}

describe(readRosterFile.name, () => {
  describe('xlsx', () => {
    it('should read the first sheet with a header, numbering rows as the spreadsheet does', async () => {
      const content = await xlsx((workbook) => {
        workbook.addWorksheet('说明').addRow(['本表为 2026 年名录']);
        const sheet = workbook.addWorksheet('名录');
        sheet.addRow(['2026年规上工业企业名录']);
        sheet.addRow(HEADER);
        sheet.addRow([
          ROW[0],
          { richText: [{ text: '贵州贵安' }, { text: '甲电子有限公司' }] },
          3911,
          520900,
          'gaxq-dz',
          true,
        ]);
      });

      expect(await readRosterFile(content)).toEqual({
        kind: 'xlsx',
        sheet: '名录',
        rows: [
          { row: 1, cells: ['2026年规上工业企业名录'] },
          { row: 2, cells: HEADER },
          { row: 3, cells: [ROW[0], '贵州贵安甲电子有限公司', 3911, 520900, 'gaxq-dz', true] },
        ],
      });
    });

    it('should refuse a formula, naming its cell, without evaluating it', async () => {
      const content = await xlsx((workbook) => {
        workbook.addWorksheet('封面').addRow([{ formula: 'TODAY()', result: 1 }]);
        const sheet = workbook.addWorksheet('名录');
        sheet.addRow(HEADER);
        sheet.addRow([...ROW.slice(0, 2), { formula: '"C"&"39"', result: 'C39' }, ...ROW.slice(3)]);
      });

      expect(await refusal(content)).toMatchObject({
        status: 422,
        code: 'formula_not_allowed',
        details: { cell: '名录!C2' },
      });
    });

    it('should refuse a workbook with macros and an old binary workbook with 415', async () => {
      const macros = storedZip({ '[Content_Types].xml': '<Types/>', 'xl/vbaProject.bin': 'VBA' });
      expect(await refusal(macros)).toMatchObject({ status: 415, code: 'macros_not_allowed' });
      const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
      expect(await refusal(xls)).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    });

    it('should refuse a damaged zip with 422', async () => {
      const content = await xlsx((workbook) => workbook.addWorksheet('名录').addRow(HEADER));
      expect(await refusal(content.subarray(0, content.length - 30))).toMatchObject({
        status: 422,
        code: 'unreadable_file',
      });
    });

    it('should refuse damaged data, a lying directory and a bomb before the parser sees them', async () => {
      const content = await xlsx((workbook) => {
        const sheet = workbook.addWorksheet('名录');
        sheet.addRow(HEADER);
        for (let i = 0; i < 2000; i++) sheet.addRow(ROW);
      });
      // Zeroed bytes inside a deflated part: exceljs's reader used to wait for ever on such a file.
      const zeroed = Buffer.from(content);
      zeroed.fill(0, 2000, 2050);
      expect(await refusal(zeroed)).toMatchObject({ status: 422, code: 'unreadable_file' });
      // The directory claims more than is there (the sizes a bomb check would trust).
      const lying = Buffer.from(content);
      const directory = lying.readUInt32LE(lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) + 16);
      lying.writeUInt32LE(1000, directory + 24);
      expect(await refusal(lying)).toMatchObject({ status: 422, code: 'unreadable_file' });
      // An entry hidden between the parts, outside the directory: a streaming reader would read it.
      const hidden = Buffer.concat([
        storedZip({ 'xl/worksheets/sheet1.xml': '<worksheet/>' }).subarray(0, 30 + 24 + 12),
        content,
      ]);
      expect(await refusal(hidden)).toMatchObject({ status: 422, code: 'unreadable_file' });
    });

    it('should refuse what unpacks to more than 256 MB, counting what is really inflated', async () => {
      const big = deflateRawSync(Buffer.alloc(300 * 1024 * 1024, 0x20));
      const name = Buffer.from('xl/worksheets/sheet1.xml');
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(8, 8);
      local.writeUInt32LE(big.length, 18);
      local.writeUInt32LE(1000, 22); // says 1,000 bytes
      local.writeUInt16LE(name.length, 26);
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(8, 10);
      central.writeUInt32LE(big.length, 20);
      central.writeUInt32LE(1000, 24);
      central.writeUInt16LE(name.length, 28);
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(1, 8);
      end.writeUInt16LE(1, 10);
      end.writeUInt32LE(46 + name.length, 12);
      end.writeUInt32LE(30 + name.length + big.length, 16);
      const zip = Buffer.concat([local, name, big, central, name, end]);
      expect(await refusal(zip)).toMatchObject({ status: 422, code: 'unreadable_file' });
    });

    it('should stop at a sheet over the row limit', async () => {
      const content = await xlsx((workbook) => {
        const sheet = workbook.addWorksheet('名录');
        sheet.addRow(['统一社会信用代码']);
        for (let i = 0; i <= MAX_ROWS; i++) sheet.addRow([i]);
      });
      expect(await refusal(content)).toMatchObject({ status: 422, code: 'too_many_rows' });
    });
  });

  describe('csv', () => {
    const text = `${HEADER.join(',')}\r\n${ROW.join(',')}\r\n`;
    const rows = [
      { row: 1, cells: HEADER },
      { row: 2, cells: ROW },
    ];

    it.each([
      ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'UTF-8'],
      ['UTF-8 without one', Buffer.from(text), 'UTF-8'],
      ['GBK', iconv.encode(text, 'gbk'), 'GB18030'],
      ['UTF-16 text with tabs', iconv.encode(text.replaceAll(',', '\t'), 'utf-16', { addBOM: true }), 'UTF-16'],
    ])('should read %s', async (_, content, encoding) => {
      expect(await readRosterFile(content)).toEqual({ kind: 'csv', encoding, rows });
    });

    it('should refuse a cell a spreadsheet would evaluate as a formula', async () => {
      const content = Buffer.from(`${HEADER.join(',')}\n${ROW[0]},=HYPERLINK("x"),C39\n`);
      expect(await refusal(content)).toMatchObject({
        status: 422,
        code: 'formula_not_allowed',
        details: { cell: 'B2' },
      });
    });

    it('should refuse more rows than the limit and an empty file', async () => {
      const many = Buffer.from(`统一社会信用代码\n${'x\n'.repeat(MAX_ROWS + 1)}`);
      expect(await refusal(many)).toMatchObject({ status: 422, code: 'too_many_rows' });
      expect(await refusal(Buffer.alloc(0))).toMatchObject({ status: 422, code: 'empty_file' });
    });
  });

  it('should name columns as a spreadsheet does', () => {
    expect([0, 2, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'C', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
