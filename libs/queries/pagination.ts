/** A page of a list: `nextCursor` continues after its last item, null at the end. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export class InvalidCursorError extends Error {
  readonly code = 'invalid_cursor';
  constructor() {
    super('The cursor is not one this list gave out');
  }
}

type CursorValue = string | number;

/**
 * What a cursor's value may be: `number` a non-negative safe integer (a sequence or log position), `string`
 * well-formed text of at most 200 characters (an id), `time` an ISO time as `toISOString()` writes it within
 * the years 1900–9999, `uuid` a UUID. Anything else is not a cursor a list gave out.
 */
export type CursorShape = 'string' | 'number' | 'time' | 'uuid';

/** A lone surrogate (like a NUL byte): no id holds one, and PostgreSQL refuses to compare with it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const ISO_TIME = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_STRING = 200;

function fits(value: unknown, shape: CursorShape): boolean {
  switch (shape) {
    case 'number':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
    case 'string':
      return (
        typeof value === 'string' &&
        value.length <= MAX_STRING &&
        !value.includes('\u0000') &&
        !LONE_SURROGATE.test(value)
      );
    case 'time': {
      const year = typeof value === 'string' ? ISO_TIME.exec(value)?.[1] : undefined;
      // A time that does not read back as itself (2026-02-30) was not written by toISOString().
      return (
        year !== undefined &&
        Number(year) >= 1900 &&
        Number(year) <= 9999 &&
        !Number.isNaN(Date.parse(value as string)) &&
        new Date(value as string).toISOString() === value
      );
    }
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
  }
}

/** Cursors are the sort key of the last item, opaque to clients. */
export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * The sort key a cursor holds, checked against the list's shape: a cursor that is not one the list gave out
 * (tampered with, or of another list) is an `InvalidCursorError` (400), never a value sent to the database.
 */
export function decodeCursor<const Shape extends readonly CursorShape[]>(
  cursor: string,
  shape: Shape,
): { [K in keyof Shape]: Shape[K] extends 'number' ? number : string } {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(values) || values.length !== shape.length) throw new InvalidCursorError();
  values.forEach((value, index) => {
    if (!fits(value, shape[index]!)) throw new InvalidCursorError();
  });
  return values as never;
}

/** Whether a cursor decodes to this shape (for a query schema that checks a list's cursor up front). */
export function isCursor(cursor: string, shape: readonly CursorShape[]): boolean {
  try {
    decodeCursor(cursor, shape);
    return true;
  } catch (error) {
    if (error instanceof InvalidCursorError) return false;
    throw error;
  }
}

/** Turns `limit + 1` fetched rows into a page: the extra row only says that there is more. */
export function toPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  toItem: (row: Row) => Item,
  cursorOf: (row: Row) => readonly CursorValue[],
): Page<Item> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null,
  };
}
