import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { parseTimestamptz, TIMESTAMPTZ_OID } from './timestamps.js';

const pgParser = pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (text: string) => Date;

describe(parseTimestamptz.name, () => {
  it.each([
    '2025-01-01 00:00:00+00',
    '2025-03-01 08:15:30.123456+08',
    '2025-03-01 08:15:30.1+05:30',
    '1999-12-31 23:59:59.999999-03',
    '2020-02-29 12:00:00.5+00',
    '0099-01-01 00:00:00+00',
    '2025-01-01 00:00:00+05:30:15',
    '0044-03-15 00:00:00+00 BC',
    '12025-01-01 00:00:00+00',
    '2025-03-01 08:15:30.12+08',
    '2025-03-01 08:15:30.000001-09:30',
    '2024-12-31 23:59:59.999+14',
    '2025-03-01 08:15:30+08:00',
    '2025-03-01 08:15:30.123456',
  ])('should read %s as pg does', (text) => {
    expect(parseTimestamptz(text).getTime()).toBe(pgParser(text).getTime());
  });

  it('should pass what is not a date to pg', () => {
    expect(parseTimestamptz('infinity')).toBe(pgParser('infinity'));
  });
});
