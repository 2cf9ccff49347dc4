/**
 * A place in the global log: the appending transaction's id (xid8, as decimal text) and the event's global
 * position. The log is read in this order, which is commit-safe; sequence order alone is not.
 */
export interface LogPosition {
  readonly transactionId: string;
  readonly globalPosition: number;
}

export const LOG_START: LogPosition = Object.freeze({ transactionId: '0', globalPosition: 0 });

const ENCODED = /^(\d{1,20})-(\d{1,16})$/;

export class InvalidLogPositionError extends Error {
  readonly code = 'invalid_log_position';
}

/** The opaque string clients see (`position` of a write, `X-Min-Position` of a read). */
export function encodeLogPosition(position: LogPosition): string {
  return `${position.transactionId}-${position.globalPosition}`;
}

export function decodeLogPosition(encoded: string): LogPosition {
  const match = ENCODED.exec(encoded.trim());
  if (!match?.[1] || !match[2]) throw new InvalidLogPositionError(`Not a log position: ${encoded}`);
  const globalPosition = Number(match[2]);
  if (!Number.isSafeInteger(globalPosition)) throw new InvalidLogPositionError(`Not a log position: ${encoded}`);
  return { transactionId: BigInt(match[1]).toString(), globalPosition };
}

export function compareLogPositions(a: LogPosition, b: LogPosition): number {
  const ta = BigInt(a.transactionId);
  const tb = BigInt(b.transactionId);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.globalPosition - b.globalPosition;
}
