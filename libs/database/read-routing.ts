import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database } from './database.js';

/**
 * The database the query repositories read: the primary, or, within `readOn`, the replica a request was
 * routed to. Commands, projections and everything outside a routed request keep reading the primary.
 */
export const READ_DATABASE = Symbol('READ_DATABASE');

/** A database that may answer reads, and the name a response and /health give it (`primary`, `replica-1`). */
export interface ReadTarget {
  readonly name: string;
  readonly database: Database;
}

const routed = new AsyncLocalStorage<ReadTarget>();

/** Runs `work` (and everything it starts) with its reads on `target`. */
export function readOn<T>(target: ReadTarget, work: () => T): T {
  return routed.run(target, work);
}

/** The target the current request's reads go to, if it was routed. */
export function currentReadTarget(): ReadTarget | undefined {
  return routed.getStore();
}

/**
 * The primary for everything but reads: `db` and `prepared` follow the current request's target. Listening,
 * sessions and closing stay the primary's (closing this view closes nothing: the primary's module does).
 */
export function routedReads(primary: Database): Database {
  const target = () => routed.getStore()?.database ?? primary;
  return {
    get db() {
      return target().db;
    },
    kind: primary.kind,
    prepared: (name, text, values) => target().prepared(name, text, values),
    listen: (channel, onMessage, onResumed) => primary.listen(channel, onMessage, onResumed),
    notify: (channel, payload) => primary.notify(channel, payload),
    openSession: () => primary.openSession(),
    ping: () => primary.ping(),
    close: () => Promise.resolve(),
  };
}
