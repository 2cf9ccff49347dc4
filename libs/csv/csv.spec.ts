import { describe, expect, it } from '@jest/globals';
import { csvCell, csvLine, parseCsv } from './index.js';

describe('a CSV cell', () => {
  it.each(['=1+1', "=cmd|' /C calc'!A0", '+SUM(1)', '-2+3', '@SUM(1)', '\tx', '\rx'])(
    'should neutralise %j so that no spreadsheet reads it as a formula',
    (value) => {
      const cell = csvCell(value);
      expect(cell.replace(/^"/, '').startsWith("'")).toBe(true);
    },
  );

  it('should quote commas, quotes and line breaks after neutralising', () => {
    expect(csvCell('=a,"b"')).toBe(`"'=a,""b"""`);
    expect(csvCell('a\nb')).toBe('"a\nb"');
  });

  it('should leave plain text, numbers and empty values as they are', () => {
    expect(csvLine(['贵安新区', -18.5, 0, null, undefined, 'a-b'])).toBe('贵安新区,-18.5,0,,,a-b');
  });
});

describe(parseCsv.name, () => {
  it('should read quoted fields, doubled quotes and line breaks inside quotes, an empty line as an empty row', () => {
    expect(parseCsv('a,"b,c","d ""e"""\r\n"x\ny",2,\n\rlast')).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['x\ny', '2', ''],
      [''],
      ['last'],
    ]);
  });

  it('should read what csvLine writes', () => {
    const cells = ['贵安新区', 'a,"b"', 'x\ny', ''];
    expect(parseCsv(`${csvLine(cells)}\n`)).toEqual([cells]);
  });

  it('should take another delimiter', () => {
    expect(parseCsv('a\tb\n')).toEqual([['a\tb']]);
    expect(parseCsv('a\tb\n', '\t')).toEqual([['a', 'b']]);
  });
});
