import { describe, expect, it } from '@jest/globals';
import { csvCell, csvLine } from './index.js';

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
