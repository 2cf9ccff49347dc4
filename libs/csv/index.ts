/**
 * One CSV cell (RFC 4180) that a spreadsheet program shows as the text it holds: a string that starts with
 * `= + - @`, a tab or a carriage return would be read as a formula, so it gets a leading `'` (OWASP's rule
 * against CSV injection). Numbers are written as numbers; null and undefined as an empty cell.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  const raw = typeof value === 'string' ? value : JSON.stringify(value);
  const text = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line of cells. */
export const csvLine = (cells: readonly unknown[]): string => cells.map(csvCell).join(',');

/**
 * The records of a CSV text (RFC 4180): fields separated by `delimiter`, quoted with `"` (a quote in a quoted
 * field doubled), records ending in CRLF, LF or CR; line breaks inside quotes belong to the field. Record n is
 * the spreadsheet's row n (an empty line is an empty row).
 */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const records: string[][] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let atFieldStart = true;
  const endField = () => {
    cells.push(field);
    field = '';
    atFieldStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (char === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (char === delimiter) {
      endField();
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endField();
      records.push(cells);
      cells = [];
    } else {
      field += char;
      atFieldStart = false;
    }
  }
  if (field !== '' || cells.length > 0 || quoted) {
    endField();
    records.push(cells);
  }
  return records;
}
