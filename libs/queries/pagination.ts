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

/** Cursors are the sort key of the last item, opaque to clients. */
export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor<const Shape extends readonly ('string' | 'number')[]>(
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
    if (typeof value !== shape[index] || (typeof value === 'number' && !Number.isFinite(value))) {
      throw new InvalidCursorError();
    }
  });
  return values as never;
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
