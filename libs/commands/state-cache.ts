/** A stream's state as this process last wrote it: the state after the stream's `version`. */
export interface CachedState {
  state: unknown;
  version: number;
}

interface Entry extends CachedState {
  bytes: number;
}

/**
 * The state each recently written stream was left in by this process, least recently used first out, within a
 * budget of bytes (estimated from the state's JSON). It saves the stream read before a command; it is never
 * the truth: the append's expected version catches a stream another process wrote since, and the runner then
 * reads the stream and decides again.
 */
export class StateCache {
  /** Map order is use order: the first entry is the least recently used. */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(streamId: string): CachedState | undefined {
    const entry = this.entries.get(streamId);
    if (!entry) return undefined;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry;
  }

  set(streamId: string, state: unknown, version: number): void {
    this.delete(streamId);
    // UTF-16 text of the JSON, plus the entry's own objects: a rough figure, but one that grows with the state.
    const bytes = JSON.stringify(state).length * 2 + 200;
    if (bytes > this.maxBytes / 8) return; // one huge object must not push out everything else
    this.entries.set(streamId, { state, version, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  delete(streamId: string): void {
    const entry = this.entries.get(streamId);
    if (!entry) return;
    this.entries.delete(streamId);
    this.bytes -= entry.bytes;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}
