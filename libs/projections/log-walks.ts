import {
  encodeLogPosition,
  type EventStore,
  type LogPosition,
  type ReadBatch,
  type ReadBatchOptions,
} from '#libs/event-store';

/** Reads a batch of the log for one reader: a projection following the log (`audit@follow`) or rebuilding. */
export type BatchReader = (reader: string, options: ReadBatchOptions) => Promise<ReadBatch>;

/** Where a reader starts, how much it reads at a time, and which stream types it reads. */
export interface WalkStart {
  reader: string;
  after: LogPosition;
  limit: number;
  streamTypes: readonly string[];
}

/** Batches read ahead by one run of the engine for the next: by their key, with the types they were read for. */
export type ReadAhead = Map<string, { types: string; read: Promise<ReadBatch> }>;

const keyOf = (after: LogPosition, limit: number): string => `${encodeLogPosition(after)}/${limit}`;

interface Batch {
  /** Its place in the walk: the first batch is 0, the one after batch n is n + 1. */
  seq: number;
  read: Promise<ReadBatch>;
  result?: ReadBatch;
  /** The readers that have not taken it yet or are still applying it (until they ask for their next). */
  left: Set<string>;
  /** No reader has taken it yet (read ahead): kept for the next run if this one ends first. */
  untouched: boolean;
}

interface Member {
  types: ReadonlySet<string>;
  /** Reads every type of the walk's batches: they need no filtering. */
  everything: boolean;
  /** The key of the batch it reads next. */
  next: string;
  /** The seq of the last batch it took; -1 before the first. */
  taken: number;
  /** The key of the batch it took last: it holds it until it asks for the next. */
  holding: string | null;
}

/** Readers at one position with one batch size: they read the same chain of batches. */
class Walk {
  readonly members = new Map<string, Member>();
  readonly batches = new Map<string, Batch>();
  private waiting: (() => void)[] = [];

  constructor(
    /** The seq of the last batch of this run: readers stop after it, so the next run finds them together. */
    readonly end: number,
    readonly limit: number,
    /** Every type its readers read, sorted and joined (to match a batch read ahead by the last run). */
    readonly types: string,
    /** The types it reads the log for; null when its readers read every type (the log is walked whole). */
    readonly streamTypes: string[] | null,
  ) {}

  /** Resolves when a batch is dropped (room for the next) or a reader leaves. */
  freed(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  wakeWaiting(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}

/**
 * The log as one run of the projection engine reads it. Readers at the same position with the same batch
 * size (every projection, during a rebuild of every read model) walk the log together: each batch is read
 * once, for all of their stream types, and each reader is given its own types' events. The scan (and so
 * `next` and `caughtUp`) does not depend on the types, so each gets exactly what its own read would give,
 * and all of them stay on one chain of positions.
 *
 * Readers do not wait for each other: one applies batch n + 1 while the database still writes another's
 * batch n. A read that stopped at its limit (more log to come) starts the next one at once. A walk holds at
 * most `ahead` batches, read ahead or being applied by some reader, so the fastest reader gets at most
 * `ahead - 1` batches past the slowest: that bounds the memory a walk takes. A batch read earlier is what a
 * read at that moment gave: gap-safe as any, only older. A reader that asks for another position than the
 * walk's next (it moved its own way) leaves the walk and reads alone.
 */
export class LogWalks {
  /** The walk of each reader on one. */
  private readonly walks = new Map<string, Walk>();
  private readonly all: Walk[] = [];
  private closed = false;

  constructor(
    private readonly eventStore: EventStore,
    starts: readonly WalkStart[],
    /** Every stream type the engine's projections read: a walk that reads them all reads the log whole. */
    everyType: ReadonlySet<string>,
    /** What the last run read ahead; a walk that starts at one of those keys with the same types takes it. */
    readAhead: ReadAhead,
    private readonly ahead: number,
    /** How many batches a walk takes in this run (fixed before any is read, so its readers end together). */
    private readonly length: number,
  ) {
    const groups = new Map<string, WalkStart[]>();
    for (const start of starts) {
      const key = keyOf(start.after, start.limit);
      groups.set(key, [...(groups.get(key) ?? []), start]);
    }
    for (const [key, group] of groups) {
      const types = [...new Set(group.flatMap((start) => start.streamTypes))].sort();
      const streamTypes = types.length < everyType.size ? types : null;
      const walk = new Walk(this.length - 1, group[0]!.limit, types.join(','), streamTypes);
      this.all.push(walk);
      for (const start of group) {
        walk.members.set(start.reader, {
          types: new Set(start.streamTypes),
          // A walk of the whole log also meets types no projection reads.
          everything: walk.streamTypes !== null && types.every((type) => start.streamTypes.includes(type)),
          next: key,
          taken: -1,
          holding: null,
        });
        this.walks.set(start.reader, walk);
      }
      const earlier = readAhead.get(key);
      if (earlier?.types === walk.types) {
        const fresh = () => this.readBatch(walk, group[0]!.after);
        this.add(walk, key, 0, earlier.read.catch(fresh));
      }
    }
  }

  /** Reads a reader's next batch: taken from its walk, or read alone if it is not on one. */
  readonly read: BatchReader = async (reader, options) => {
    const walk = this.walks.get(reader);
    const member = walk?.members.get(reader);
    const key = keyOf(options.after, options.limit);
    // Off the walk, or asking again for the batch it holds (there was nothing new): it reads alone, afresh.
    if (!walk || !member || member.next !== key || member.holding === key) {
      this.leave(reader);
      return this.eventStore.readBatch(options);
    }
    // Asking for the next batch, it is done with the one it held.
    this.release(walk, member, reader);
    let batch = walk.batches.get(key);
    while (!batch) {
      if (walk.batches.size < this.ahead) {
        batch = this.add(walk, key, member.taken + 1, this.readBatch(walk, options.after));
      } else {
        // The slowest reader is `ahead - 1` batches behind: wait until it is done with one (or leaves).
        await walk.freed();
        if (!walk.members.has(reader)) return this.eventStore.readBatch(options);
        batch = walk.batches.get(key);
      }
    }
    member.taken = batch.seq;
    member.holding = key;
    batch.untouched = false;
    let result: ReadBatch;
    try {
      result = await batch.read;
    } catch (error) {
      this.leave(reader);
      throw error;
    }
    if (result.next) member.next = keyOf(result.next, walk.limit);
    if (member.everything) return result;
    return { ...result, events: result.events.filter((event) => member.types.has(event.streamType)) };
  };

  /**
   * Whether these readers (one projection's) should stop: each has taken the last batch of its walk in this
   * run. Readers on no walk stop at once: they would read alone, and the next run may find them together.
   */
  done(readers: readonly string[]): boolean {
    return readers.every((reader) => {
      const walk = this.walks.get(reader);
      const member = walk?.members.get(reader);
      return !walk || !member || member.taken >= walk.end;
    });
  }

  /** A reader stops walking (stopped, caught up, failed or moved its own way): the others no longer wait for it. */
  leave(reader: string): void {
    const walk = this.walks.get(reader);
    if (!walk) return;
    this.walks.delete(reader);
    walk.members.delete(reader);
    for (const [key, batch] of walk.batches) {
      batch.left.delete(reader);
      if (batch.left.size === 0 && !batch.untouched) this.drop(walk, key);
    }
    walk.wakeWaiting();
  }

  /** Ends the run: what was read ahead and taken by nobody, for the next run. */
  close(): ReadAhead {
    this.closed = true;
    const readAhead: ReadAhead = new Map();
    for (const walk of this.all) {
      for (const [key, batch] of walk.batches) {
        if (batch.untouched) readAhead.set(key, { types: walk.types, read: batch.read });
      }
      walk.wakeWaiting();
    }
    this.walks.clear();
    return readAhead;
  }

  private release(walk: Walk, member: Member, reader: string): void {
    const key = member.holding;
    member.holding = null;
    const batch = key === null ? undefined : walk.batches.get(key);
    if (!batch) return;
    batch.left.delete(reader);
    if (batch.left.size === 0) this.drop(walk, key!);
  }

  private readBatch(walk: Walk, after: LogPosition): Promise<ReadBatch> {
    const types = walk.streamTypes ? { streamTypes: walk.streamTypes } : {};
    return this.eventStore.readBatch({ after, limit: walk.limit, ...types });
  }

  private add(walk: Walk, key: string, seq: number, read: Promise<ReadBatch>): Batch {
    const batch: Batch = { seq, read, left: new Set(walk.members.keys()), untouched: true };
    walk.batches.set(key, batch);
    read.then(
      (result) => {
        batch.result = result;
        this.readNext(walk, batch);
      },
      () => undefined, // a failed read fails the readers that take it
    );
    return batch;
  }

  private drop(walk: Walk, key: string): void {
    walk.batches.delete(key);
    walk.wakeWaiting();
    // Room for one more: the newest batch read may start the next.
    let newest: Batch | undefined;
    for (const batch of walk.batches.values()) if (!newest || batch.seq > newest.seq) newest = batch;
    if (newest) this.readNext(walk, newest);
  }

  /** Starts reading the batch after this one, if there is more log, room, and time. */
  private readNext(walk: Walk, batch: Batch): void {
    const result = batch.result;
    if (!result || result.caughtUp || !result.next || this.closed || walk.members.size === 0) return;
    // The batch after the run's last is read too: the next run starts with it.
    if (walk.batches.size >= this.ahead || batch.seq > walk.end) return;
    const next = result.next;
    const key = keyOf(next, walk.limit);
    if (walk.batches.has(key)) return;
    // A read ahead that fails is tried once more; a reader that takes a failed read fails its step.
    this.add(
      walk,
      key,
      batch.seq + 1,
      this.readBatch(walk, next).catch(() => this.readBatch(walk, next)),
    );
  }
}
