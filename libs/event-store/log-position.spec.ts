import { describe, expect, it } from '@jest/globals';
import {
  compareLogPositions,
  decodeLogPosition,
  encodeLogPosition,
  InvalidLogPositionError,
  LOG_START,
} from './log-position.js';

describe('log positions', () => {
  describe(encodeLogPosition.name, () => {
    it('should round-trip through the opaque string', () => {
      const position = { transactionId: '18446744073709551615', globalPosition: 9007199254740991 };

      expect(decodeLogPosition(encodeLogPosition(position))).toEqual(position);
      expect(encodeLogPosition(LOG_START)).toBe('0-0');
    });
  });

  describe(decodeLogPosition.name, () => {
    it.each(['', '12', '12-', '-5', 'a-1', '1-1-1', '1-99999999999999999'])('should refuse %p', (encoded) => {
      expect(() => decodeLogPosition(encoded)).toThrow(InvalidLogPositionError);
    });
  });

  describe(compareLogPositions.name, () => {
    it('should order by transaction id first, then by global position', () => {
      const early = { transactionId: '900', globalPosition: 50 };
      const lateTransactionLowPosition = { transactionId: '1000', globalPosition: 10 };
      const sameTransactionLater = { transactionId: '1000', globalPosition: 11 };

      expect(compareLogPositions(early, lateTransactionLowPosition)).toBeLessThan(0);
      expect(compareLogPositions(sameTransactionLater, lateTransactionLowPosition)).toBeGreaterThan(0);
      expect(compareLogPositions(early, { ...early })).toBe(0);
    });

    it('should compare transaction ids beyond 2^53 exactly', () => {
      expect(
        compareLogPositions(
          { transactionId: '9007199254740993', globalPosition: 1 },
          { transactionId: '9007199254740992', globalPosition: 2 },
        ),
      ).toBeGreaterThan(0);
    });
  });
});
