import pg from 'pg';

export const TIMESTAMPTZ_OID = 1184;
const serverParser = pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (text: string) => Date;

/**
 * A timestamptz as the server sends it in its ISO style, `2025-03-01 08:15:30.123456+08` (the offset as ±hh
 * or ±hh:mm), read digit by digit into `Date.UTC`: no strings on the way, 123 ns a call against 240 for
 * the ISO-text parser it replaced (itself about twice as fast as `pg`'s), and a rebuild reads two for every
 * event. Milliseconds are truncated, as `pg` does. Anything else (±hh:mm:ss, BC, infinity, years before 100 or past 9999) goes to `pg`'s.
 */
export function parseTimestamptz(text: string): Date {
  const n = text.length;
  if (n < 22 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(10) !== 0x20) return serverParser(text);
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  // The fraction, if any: its first three digits are the milliseconds (".1" is 100), the rest is dropped.
  let at = 19;
  let ms = 0;
  if (text.charCodeAt(at) === 0x2e) {
    let scale = 100;
    for (at++; at < n && isDigit(text.charCodeAt(at)); at++) {
      ms += (text.charCodeAt(at) - 0x30) * scale;
      scale /= 10;
    }
    if (at === 20) return serverParser(text);
    ms = Math.trunc(ms);
  }
  const sign = text.charCodeAt(at) === 0x2b ? 1 : text.charCodeAt(at) === 0x2d ? -1 : 0;
  const offsetHours = digits(text, at + 1, 2);
  const offsetMinutes =
    n === at + 3 ? 0 : n === at + 6 && text.charCodeAt(at + 3) === 0x3a ? digits(text, at + 4, 2) : -1;
  if (
    sign === 0 ||
    year < 100 ||
    // A field that is not all digits reads as -1, which makes the bitwise or negative.
    (month | day | hour | minute | second | offsetHours | offsetMinutes) < 0 ||
    text.charCodeAt(7) !== 0x2d ||
    text.charCodeAt(13) !== 0x3a ||
    text.charCodeAt(16) !== 0x3a
  ) {
    return serverParser(text);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  return new Date(utc - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
}

/** Two and three digits with leading zeros, by value: the parts of a formatted time. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/**
 * A time as `Date#toISOString` writes it (`2025-03-01T00:15:30.123Z`), put together from its UTC fields:
 * about 300 ns less than `toISOString` a call, and a rebuild writes a few million (two for each audit row).
 * Years outside 1000–9999 (and invalid dates) go to `toISOString`.
 */
export function formatTimestamp(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return date.toISOString();
  return `${year}-${TWO_DIGITS[date.getUTCMonth() + 1]}-${TWO_DIGITS[date.getUTCDate()]}T${TWO_DIGITS[date.getUTCHours()]}:${TWO_DIGITS[date.getUTCMinutes()]}:${TWO_DIGITS[date.getUTCSeconds()]}.${THREE_DIGITS[date.getUTCMilliseconds()]}Z`;
}

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

/** The number written by `length` digits at `from`; -1 if any of them is not a digit. */
function digits(text: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return -1;
    value = value * 10 + code - 0x30;
  }
  return value;
}
