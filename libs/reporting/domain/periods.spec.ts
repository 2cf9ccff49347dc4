import { describe, expect, it } from '@jest/globals';
import { dueAt, InvalidPeriodError, latestDuePeriod, parsePeriod, periodHolding, previousPeriod } from './periods.js';

const ZONE = 'Asia/Shanghai';

describe('Report periods', () => {
  it('should read ISO weeks, months and quarters as local days in Asia/Shanghai', () => {
    expect(parsePeriod('weekly', '2026-W48', ZONE)).toMatchObject({
      startDate: '2026-11-23',
      endDate: '2026-11-30',
      start: new Date('2026-11-22T16:00:00Z'),
      end: new Date('2026-11-29T16:00:00Z'),
    });
    expect(parsePeriod('monthly', '2026-11', ZONE)).toMatchObject({ startDate: '2026-11-01', endDate: '2026-12-01' });
    expect(parsePeriod('quarterly', '2026-Q4', ZONE)).toMatchObject({ startDate: '2026-10-01', endDate: '2027-01-01' });
    expect(parsePeriod('weekly', '2026-W01', ZONE).startDate).toBe('2025-12-29');
    expect(parsePeriod('weekly', '2026-W53', ZONE).startDate).toBe('2026-12-28');
  });

  it('should refuse periods that do not exist or do not match the kind', () => {
    expect(() => parsePeriod('weekly', '2027-W53', ZONE)).toThrow(InvalidPeriodError);
    expect(() => parsePeriod('monthly', '2026-13', ZONE)).toThrow(InvalidPeriodError);
    expect(() => parsePeriod('quarterly', '2026-11', ZONE)).toThrow(InvalidPeriodError);
    expect(() => parsePeriod('weekly', '2026-W00', ZONE)).toThrow(InvalidPeriodError);
  });

  it('should find the period holding a day, and the one before, across year ends', () => {
    expect(periodHolding('weekly', '2027-01-01', ZONE).label).toBe('2026-W53');
    expect(periodHolding('quarterly', '2026-11-28', ZONE).label).toBe('2026-Q4');
    expect(previousPeriod(parsePeriod('weekly', '2027-W01', ZONE), ZONE).label).toBe('2026-W53');
    expect(previousPeriod(parsePeriod('monthly', '2026-01', ZONE), ZONE).label).toBe('2025-12');
    expect(previousPeriod(parsePeriod('quarterly', '2026-Q1', ZONE), ZONE).label).toBe('2025-Q4');
  });

  it('should make a report due on the first day after its period at the local hour', () => {
    expect(dueAt(parsePeriod('weekly', '2026-W48', ZONE), ZONE, 8)).toEqual(new Date('2026-11-30T00:00:00Z'));
    const justBefore = new Date('2026-11-29T23:59:59Z');
    expect(latestDuePeriod('weekly', justBefore, ZONE, 8).label).toBe('2026-W47');
    expect(latestDuePeriod('weekly', new Date('2026-11-30T00:00:00Z'), ZONE, 8).label).toBe('2026-W48');
    expect(latestDuePeriod('monthly', new Date('2026-12-01T00:00:00Z'), ZONE, 8).label).toBe('2026-11');
    expect(latestDuePeriod('monthly', new Date('2026-11-30T23:00:00Z'), ZONE, 8).label).toBe('2026-10');
    expect(latestDuePeriod('quarterly', new Date('2027-01-01T00:00:00Z'), ZONE, 8).label).toBe('2026-Q4');
  });

  it('should follow another configured zone', () => {
    expect(parsePeriod('monthly', '2026-11', 'Europe/Berlin').start).toEqual(new Date('2026-10-31T23:00:00Z'));
  });
});
