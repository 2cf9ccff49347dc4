import { Readable } from 'node:stream';
import { crc32, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parseCsv } from '#libs/csv';
import { type Cell, HEADER_SEARCH_ROWS, rosterHeader, type SheetRow } from './domain/index.js';

/** The largest file an import takes. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** The most data rows a sheet may have. */
export const MAX_ROWS = 100_000;
/** What an xlsx may unpack to: ten times what a 10 MB list of enterprises needs, far below what would hurt. */
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

/**
 * A file (or the request that brings it) an import does not take: too large (413), of a kind it does not read
 * (415), or unreadable, with formulas or with too many rows (422). `zh` says it to people in Chinese.
 */
export class ImportFileError extends Error {
  constructor(
    readonly status: 400 | 413 | 415 | 422,
    readonly code: string,
    message: string,
    readonly zh: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const fileTooLarge = () =>
  new ImportFileError(
    413,
    'payload_too_large',
    'An imported file may be at most 10 MB',
    '导入的文件不能超过 10 MB；请分成几个文件导入',
    { limitBytes: MAX_FILE_BYTES },
  );

export interface RosterSheet {
  kind: 'xlsx' | 'csv';
  /** The worksheet read (xlsx) or the text encoding found (csv). */
  sheet?: string;
  encoding?: 'UTF-8' | 'GB18030' | 'UTF-16';
  rows: SheetRow[];
}

/** What the bytes are, by their first ones: a zip (xlsx), an OLE2 compound file (an old .xls, or encrypted), or text. */
function sniff(content: Buffer): 'zip' | 'ole' | 'text' {
  if (content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'zip';
  if (content.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'ole';
  return 'text';
}

/** Reads an `.xlsx` or a `.csv` (UTF-8 with or without BOM, GBK/GB18030, or UTF-16 with BOM) into rows. */
export async function readRosterFile(content: Buffer): Promise<RosterSheet> {
  if (content.length === 0) {
    throw new ImportFileError(422, 'empty_file', 'The file is empty', '文件是空的');
  }
  if (content.length > MAX_FILE_BYTES) throw fileTooLarge();
  switch (sniff(content)) {
    case 'zip':
      return readXlsx(content);
    case 'ole':
      throw new ImportFileError(
        415,
        'unsupported_media_type',
        'An old Excel workbook (.xls) or an encrypted one cannot be imported: save it as .xlsx or .csv, without a password',
        '不能导入旧版 Excel（.xls）或加密的工作簿：请另存为 .xlsx 或 .csv，且不设密码',
      );
    case 'text':
      return readCsv(content);
  }
}

const unreadable = (why: string, zh: string) =>
  new ImportFileError(
    422,
    'unreadable_file',
    `The file cannot be read as an xlsx workbook: ${why}`,
    `无法读取该 xlsx 文件：${zh}`,
  );

/**
 * The entries of a zip, checked as a whole before any parser sees it: the central directory is read, every entry
 * is inflated here (stored or deflated only) within what is left of the unpacked budget, its CRC-32 and size
 * compared with the directory's, and the entries must lie end to end from the first byte to the directory, so
 * that a streaming reader (which follows the local headers) meets exactly these entries and nothing else. A
 * zip bomb, a lying directory, damaged data or a hidden entry is refused here, never half-read later.
 */
function checkedZipEntries(zip: Buffer): { name: string; size: number }[] {
  const damaged = () => unreadable('a damaged or unusual zip', '文件已损坏或不是标准的 xlsx');
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > zip.length) throw unreadable('no zip directory', '文件不完整或不是 xlsx');
  const count = zip.readUInt16LE(end + 10);
  const directoryAt = zip.readUInt32LE(end + 16);
  let offset = directoryAt;
  const entries: {
    name: string;
    size: number;
    method: number;
    crc: number;
    packed: number;
    at: number;
    flags: number;
  }[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== 0x02014b50) throw damaged();
    const nameLength = zip.readUInt16LE(offset + 28);
    entries.push({
      flags: zip.readUInt16LE(offset + 8),
      method: zip.readUInt16LE(offset + 10),
      crc: zip.readUInt32LE(offset + 16),
      packed: zip.readUInt32LE(offset + 20),
      size: zip.readUInt32LE(offset + 24),
      at: zip.readUInt32LE(offset + 42),
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  let budget = MAX_UNPACKED_BYTES;
  let next = 0;
  for (const entry of [...entries].sort((a, b) => a.at - b.at)) {
    if (entry.at !== next || entry.at + 30 > zip.length || zip.readUInt32LE(entry.at) !== 0x04034b50) throw damaged();
    if (entry.flags & 0x1) throw unreadable('it is encrypted', '文件已加密');
    const dataAt = entry.at + 30 + zip.readUInt16LE(entry.at + 26) + zip.readUInt16LE(entry.at + 28);
    const data = zip.subarray(dataAt, dataAt + entry.packed);
    if (data.length !== entry.packed) throw damaged();
    let unpacked: Buffer;
    try {
      if (entry.method === 0) unpacked = Buffer.from(data);
      else if (entry.method === 8) unpacked = inflateRawSync(data, { maxOutputLength: Math.max(budget, 1) });
      else throw damaged();
    } catch (error) {
      if (error instanceof ImportFileError) throw error;
      if (error instanceof RangeError) throw unreadable('it unpacks to more than 256 MB', '解压后超过 256 MB');
      throw damaged();
    }
    if (unpacked.length !== entry.size || crc32(unpacked) !== entry.crc) throw damaged();
    budget -= unpacked.length;
    if (budget < 0) throw unreadable('it unpacks to more than 256 MB', '解压后超过 256 MB');
    // A data descriptor (flag bit 3) follows the data: 12 or 16 bytes, with or without its signature.
    next = dataAt + entry.packed;
    if (entry.flags & 0x8) next += zip.readUInt32LE(next) === 0x08074b50 ? 16 : 12;
  }
  if (next !== directoryAt) throw damaged();
  return entries;
}

const MACRO_PARTS = /(^|\/)vbaProject\.bin$|^xl\/macrosheets\/|^xl\/dialogsheets\//i;

/** A cell's value as text, a number or a truth value; formulas are refused before. */
function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('error' in value) return String(value.error);
  return null;
}

const isFormula = (value: ExcelJS.CellValue) =>
  typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value);

/** More columns than any roster has: a sheet built to exhaust memory, not a list of enterprises. */
const MAX_COLUMNS = 200;
const tooManyColumns = (row: number) =>
  new ImportFileError(
    422,
    'too_many_columns',
    `Row ${row} has more than ${MAX_COLUMNS} columns; a roster has a few`,
    `第 ${row} 行超过 ${MAX_COLUMNS} 列；名录只需几列`,
    { row, limit: MAX_COLUMNS },
  );

const tooManyRows = () =>
  new ImportFileError(
    422,
    'too_many_rows',
    `A sheet may have at most ${MAX_ROWS} rows of enterprises`,
    `一张表最多 ${MAX_ROWS} 行企业；请分成几个文件导入`,
    { limit: MAX_ROWS },
  );

const formulaIn = (cell: string) =>
  new ImportFileError(
    422,
    'formula_not_allowed',
    `Cell ${cell} holds a formula; formulas are not evaluated: paste the values instead`,
    `单元格 ${cell} 含有公式；导入不计算公式，请先“选择性粘贴为数值”`,
    { cell },
  );

/**
 * The first worksheet that has a header among its first rows (or the first worksheet, for the domain to say
 * it has none), read as a stream: formulas are refused, never evaluated, and reading stops at the row limit.
 */
async function readXlsx(content: Buffer): Promise<RosterSheet> {
  const entries = checkedZipEntries(content);
  const macro = entries.find((entry) => MACRO_PARTS.test(entry.name));
  if (macro) {
    throw new ImportFileError(
      415,
      'macros_not_allowed',
      'The workbook holds macros: save it as a plain .xlsx workbook (without macros) and import that',
      '该工作簿含有宏：请另存为不含宏的 .xlsx 工作簿后再导入',
      { part: macro.name },
    );
  }
  if (!entries.some((entry) => /^xl\/worksheets\/sheet\d+\.xml$/.test(entry.name))) {
    throw unreadable('it has no worksheet', '没有工作表');
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let first: RosterSheet | undefined;
  try {
    for await (const worksheet of reader) {
      // The reader knows the sheet's name from the workbook part; its typings do not say so.
      const name = (worksheet as unknown as { name?: string }).name ?? '';
      const rows: SheetRow[] = [];
      let header = false;
      let dataRows = 0;
      // A formula above the header counts only once the sheet turns out to be the one imported.
      let formulaAbove: string | undefined;
      for await (const row of worksheet) {
        if (!header && row.number > HEADER_SEARCH_ROWS) break;
        const values = row.values as ExcelJS.CellValue[];
        const cells = Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => values[i + 1]);
        const formula = cells.findIndex(isFormula);
        const formulaAt = formula < 0 ? undefined : `${name ? `${name}!` : ''}${columnName(formula)}${row.number}`;
        const sheetRow = { row: row.number, cells: cells.map(cellOf) };
        rows.push(sheetRow);
        if (cells.length > MAX_COLUMNS) throw tooManyColumns(row.number);
        if (header) {
          if (formulaAt) throw formulaIn(formulaAt);
          // Every row counts, blank ones too: each is held until the sheet is read.
          if (++dataRows > MAX_ROWS) throw tooManyRows();
        } else {
          formulaAbove ??= formulaAt;
          header = rosterHeader(sheetRow.cells) !== null;
          if (header && formulaAbove) throw formulaIn(formulaAbove);
        }
      }
      const sheet: RosterSheet = { kind: 'xlsx', sheet: name, rows };
      if (header) return sheet;
      first ??= sheet;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw unreadable(error instanceof Error ? error.message.slice(0, 200) : 'unknown', '文件已损坏或不是 xlsx');
  }
  if (!first) throw unreadable('it has no worksheet', '没有工作表');
  return first;
}

/** A column's letters, as a spreadsheet names it (0 → A, 26 → AA). */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** The text of a CSV: UTF-8 (with or without BOM) when it is valid UTF-8, UTF-16 with its BOM, else GB18030 (GBK). */
function decode(content: Buffer): { text: string; encoding: 'UTF-8' | 'GB18030' | 'UTF-16' } {
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) {
    return { text: content.toString('utf8', 3), encoding: 'UTF-8' };
  }
  if ((content[0] === 0xff && content[1] === 0xfe) || (content[0] === 0xfe && content[1] === 0xff)) {
    return { text: new TextDecoder(content[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(content), encoding: 'UTF-16' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(content), encoding: 'UTF-8' };
  } catch {
    // GB18030 is GBK's superset: what older Chinese tools (Excel's "CSV" on a Chinese Windows) write.
    return { text: iconv.decode(content, 'gb18030'), encoding: 'GB18030' };
  }
}

/** The delimiter of the first line: a comma unless tabs or semicolons outnumber the commas. */
function delimiterOf(text: string): string {
  const line = text.slice(0, text.search(/[\r\n]|$/));
  const count = (char: string) => line.split(char).length - 1;
  return [',', '\t', ';'].reduce((best, char) => (count(char) > count(best) ? char : best));
}

function readCsv(content: Buffer): RosterSheet {
  const { text, encoding } = decode(content);
  const records = parseCsv(text, delimiterOf(text));
  const headerAt = records.findIndex((cells, i) => i >= HEADER_SEARCH_ROWS || rosterHeader(cells) !== null);
  const dataRows = records.slice(headerAt + 1).filter((cells) => cells.some((cell) => cell.trim() !== '')).length;
  if (dataRows > MAX_ROWS) throw tooManyRows();
  const rows = records.map((cells, i) => ({ row: i + 1, cells }));
  // A spreadsheet opening the file would evaluate these: the cell holds a formula, not the value it shows.
  for (const { row, cells } of rows) {
    const formula = cells.findIndex((cell) => cell.trimStart().startsWith('='));
    if (formula >= 0) throw formulaIn(`${columnName(formula)}${row}`);
  }
  return { kind: 'csv', encoding, rows };
}
