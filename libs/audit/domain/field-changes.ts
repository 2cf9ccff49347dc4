/** One field that an event changed, as the audit history shows it. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** Keys that identify the items of a list, so that a list is compared item by item. */
const ITEM_KEYS = ['id', 'recId', 'assessorId', 'programme'] as const;
/** Long derived detail that the entry's own data already carries in full. */
const SKIPPED = new Set(['result.ruleTrace']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function itemKey(items: unknown[]): (typeof ITEM_KEYS)[number] | null {
  const first = items[0];
  if (!isObject(first) || !ITEM_KEYS.some((key) => typeof first[key] === 'string')) return null;
  if (!items.every(isObject)) return null;
  return ITEM_KEYS.find((key) => items.every((item) => typeof item[key] === 'string')) ?? null;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The field-level difference between two states of an aggregate: nested fields by dotted path, lists of
 * identified items (milestones, recommendations, assessors) item by item as `list[id].field`, other lists
 * whole. Pure: the history derives it from the events by folding them with the aggregate's `evolve`.
 */
export function diffStates(before: unknown, after: unknown, path = ''): FieldChange[] {
  // `evolve` copies only what an event changes: untouched parts are the same objects, so most of a state
  // is passed over by reference without being walked.
  if (before === after || SKIPPED.has(path)) return [];
  const structured = (isObject(before) || Array.isArray(before)) && (isObject(after) || Array.isArray(after));
  if (!structured && same(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => diffStates(before[key], after[key], path ? `${path}.${key}` : key));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    // A list that only grew (KPI readings, say): the new items, without comparing the old ones' text.
    const b = before as unknown[];
    const a = after as unknown[];
    if (a.length > b.length && b.every((item, i) => item === a[i])) {
      return a.slice(b.length).map((item, i) => ({ field: `${path}[${b.length + i}]`, from: null, to: item }));
    }
    const key = itemKey([...b, ...a]);
    if (key) {
      const byKey = (items: unknown[]) =>
        new Map(items.map((item) => [String((item as Record<string, unknown>)[key]), item]));
      const old = byKey(before);
      const now = byKey(after);
      return [...new Set([...old.keys(), ...now.keys()])].flatMap((id) => {
        const from = old.get(id);
        const to = now.get(id);
        if (from === undefined || to === undefined)
          return [{ field: `${path}[${id}]`, from: from ?? null, to: to ?? null }];
        return diffStates(from, to, `${path}[${id}]`);
      });
    }
    if (same(before, after)) return [];
  }
  if (isObject(after) && before === undefined) return diffStates({}, after, path);
  if (same(before ?? null, after ?? null)) return [];
  return [{ field: path || '(state)', from: before ?? null, to: after ?? null }];
}
