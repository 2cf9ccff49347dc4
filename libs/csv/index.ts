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
