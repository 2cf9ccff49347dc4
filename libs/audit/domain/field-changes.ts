import { jsonEqual } from '#libs/event-sourcing';

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

const isPrimitive = (value: unknown): boolean => value === null || typeof value !== 'object';

/**
 * The field-level difference between two states of an aggregate: nested fields by dotted path, lists of
 * identified items (milestones, recommendations, assessors) item by item as `list[id].field`, other lists
 * whole. Pure: the history derives it from the events by folding them with the aggregate's `evolve`.
 */
export function diffStates(before: unknown, after: unknown, path = ''): FieldChange[] {
  const changes: FieldChange[] = [];
  collectChanges(before, after, path, changes);
  return changes;
}

function collectChanges(before: unknown, after: unknown, path: string, changes: FieldChange[]): void {
  // `evolve` copies only what an event changes: untouched parts are the same objects, so most of a state
  // is passed over by reference without being walked.
  if (before === after || SKIPPED.has(path)) return;
  if (isPrimitive(before) && isPrimitive(after)) {
    // Absent and null are the same to a reader; numbers, strings and booleans compare as they are.
    if ((before ?? null) !== (after ?? null))
      changes.push({ field: path || '(state)', from: before ?? null, to: after ?? null });
    return;
  }
  if (isObject(before) && isObject(after)) {
    // The path is put together only for a field that changed: most of a state is untouched by an event.
    for (const key in before) {
      if (before[key] !== after[key]) collectChanges(before[key], after[key], path ? `${path}.${key}` : key, changes);
    }
    for (const key in after) {
      if (!(key in before) && after[key] !== undefined)
        collectChanges(undefined, after[key], path ? `${path}.${key}` : key, changes);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    // A list that only grew (KPI readings, say): the new items, without comparing the old ones' text.
    const b = before as unknown[];
    const a = after as unknown[];
    if (a.length > b.length && b.every((item, i) => item === a[i])) {
      for (let i = b.length; i < a.length; i++) changes.push({ field: `${path}[${i}]`, from: null, to: a[i] });
      return;
    }
    const key = itemKey([...b, ...a]);
    if (key) {
      const byKey = (items: unknown[]) =>
        new Map(items.map((item) => [String((item as Record<string, unknown>)[key]), item]));
      const old = byKey(before);
      const now = byKey(after);
      for (const id of new Set([...old.keys(), ...now.keys()])) {
        const from = old.get(id);
        const to = now.get(id);
        if (from === undefined || to === undefined)
          changes.push({ field: `${path}[${id}]`, from: from ?? null, to: to ?? null });
        else collectChanges(from, to, `${path}[${id}]`, changes);
      }
      return;
    }
    if (jsonEqual(before, after)) return;
  }
  if (isObject(after) && before === undefined) {
    collectChanges({}, after, path, changes);
    return;
  }
  if (jsonEqual(before ?? null, after ?? null)) return;
  changes.push({ field: path || '(state)', from: before ?? null, to: after ?? null });
}
