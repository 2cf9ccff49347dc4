import pg from 'pg';

export const TIMESTAMPTZ_OID = 1184;
const serverParser = pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (text: string) => Date;

/**
 * A timestamptz as the server sends it in its ISO style, `2025-03-01 08:15:30.123456+08` (the offset as ±hh
 * or ±hh:mm), read by the engine's own ISO parser: about twice as fast as `pg`'s, which a rebuild calls for
 * two columns of every event. Anything else (±hh:mm:ss, BC, infinity, years past 9999) goes to `pg`'s.
 */
export function parseTimestamptz(text: string): Date {
  const n = text.length;
  if (n >= 22 && text.charCodeAt(10) === 0x20 && text.charCodeAt(4) === 0x2d) {
    const isSign = (at: number) => text.charCodeAt(at) === 0x2b || text.charCodeAt(at) === 0x2d;
    const date = text.slice(0, 10);
    const iso = isSign(n - 3)
      ? `${date}T${text.slice(11)}:00`
      : isSign(n - 6) && text.charCodeAt(n - 3) === 0x3a
        ? `${date}T${text.slice(11)}`
        : null;
    if (iso !== null) {
      const parsed = new Date(iso);
      if (!Number.isNaN(parsed.getTime())) return parsed;
    }
  }
  return serverParser(text);
}
