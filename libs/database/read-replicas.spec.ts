import { describe, expect, it } from '@jest/globals';
import { replicaLagMs } from './read-replicas.js';

describe(replicaLagMs.name, () => {
  it('should be 0 when the replica had replayed all the primary had written, however old its last commit', () => {
    expect(replicaLagMs({ caughtUp: true, replayAgeMs: 3_600_000, sinceCaughtUpMs: 5_000 })).toBe(0);
  });

  it('should take the tighter bound when it is behind: an idle primary whose replica misses a record in flight', () => {
    // The last commit it replayed is an hour old, but a probe a second ago found it caught up.
    expect(replicaLagMs({ caughtUp: false, replayAgeMs: 3_600_000, sinceCaughtUpMs: 1_000 })).toBe(1_000);
  });

  it('should grow with the age of its last replayed commit while its replay is paused under writes', () => {
    expect(replicaLagMs({ caughtUp: false, replayAgeMs: 2_400, sinceCaughtUpMs: 3_100 })).toBe(2_400);
  });

  it('should go by the replayed commit alone before any probe found it caught up, and be unknown without either', () => {
    expect(replicaLagMs({ caughtUp: false, replayAgeMs: 750.4, sinceCaughtUpMs: null })).toBe(750);
    expect(replicaLagMs({ caughtUp: false, replayAgeMs: null, sinceCaughtUpMs: null })).toBeNull();
  });

  it("should not be negative when the replica's clock is behind the primary's", () => {
    expect(replicaLagMs({ caughtUp: false, replayAgeMs: -40, sinceCaughtUpMs: null })).toBe(0);
  });
});
