import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DomainError } from '#libs/event-sourcing';
import { EventStore } from '#libs/event-store';
import { ENTERPRISE_STREAM, enterpriseDecider, enterpriseStreamId, withUsccCheckCharacter } from '#libs/enterprises';
import { anEventMetadata, createTestDatabase, type TestDatabase } from '#libs/testing';
import { CommandRunner, PreconditionFailedError, type StreamStore } from './command-runner.js';

const context = { now: new Date('2026-11-28T02:00:00Z'), actorId: 'key-test' };
const profile = (uscc: string) => ({
  uscc,
  name: '贵州某精密制造有限公司',
  industryCode: 'C34',
  districtCode: '520900',
  parkId: 'gaxq-dz',
  aboveDesignatedSize: true,
});
const USCC = ['91350100M000100Y43', '91110000600037341L', '91440300708461136T'];

describe(CommandRunner.name, () => {
  let database: TestDatabase;
  let store: EventStore;
  let sut: CommandRunner;

  beforeAll(async () => {
    database = await createTestDatabase();
    store = new EventStore(database);
    sut = new CommandRunner(store);
  });
  afterAll(async () => {
    await database?.close();
  });

  describe('run', () => {
    it('should decide on the loaded state and append at its version', async () => {
      const stream = { type: ENTERPRISE_STREAM, id: enterpriseStreamId(USCC[0]!) };
      const registered = await sut.run(
        enterpriseDecider,
        stream,
        { type: 'RegisterEnterprise', data: profile(USCC[0]!), ...context },
        { metadata: anEventMetadata() },
      );
      const moved = await sut.run(
        enterpriseDecider,
        stream,
        { type: 'MoveToPark', data: { parkId: 'gaxq-hx' }, ...context },
        { metadata: anEventMetadata(), occurredAt: new Date('2026-10-01T00:00:00Z') },
      );

      expect(registered).toMatchObject({ version: 1, replayed: false, state: { status: 'active' } });
      expect(moved).toMatchObject({ version: 2, state: { parkId: 'gaxq-hx' } });
      const events = await store.readStream(enterpriseStreamId(USCC[0]!));
      expect(events.map((e) => e.type)).toEqual(['EnterpriseRegistered', 'EnterpriseMovedToPark']);
      expect(events[1]!.occurredAt.toISOString()).toBe('2026-10-01T00:00:00.000Z');
    });

    it('should refuse a stale If-Match version with 412 semantics and append nothing', async () => {
      const stream = { type: ENTERPRISE_STREAM, id: enterpriseStreamId(USCC[1]!) };
      await sut.run(
        enterpriseDecider,
        stream,
        { type: 'RegisterEnterprise', data: profile(USCC[1]!), ...context },
        { metadata: anEventMetadata() },
      );

      await expect(
        sut.run(
          enterpriseDecider,
          stream,
          { type: 'MoveToPark', data: { parkId: 'x' }, ...context },
          { metadata: anEventMetadata(), expectedVersion: 0 },
        ),
      ).rejects.toBeInstanceOf(PreconditionFailedError);
      expect(await store.streamVersion(enterpriseStreamId(USCC[1]!))).toBe(1);
    });

    it('should let a domain error through and append nothing', async () => {
      const stream = { type: ENTERPRISE_STREAM, id: enterpriseStreamId(USCC[1]!) };
      await expect(
        sut.run(
          enterpriseDecider,
          stream,
          { type: 'RegisterEnterprise', data: profile(USCC[1]!), ...context },
          { metadata: anEventMetadata() },
        ),
      ).rejects.toBeInstanceOf(DomainError);
      expect(await store.streamVersion(enterpriseStreamId(USCC[1]!))).toBe(1);
    });

    it('should replay an idempotent command without deciding again', async () => {
      const stream = { type: ENTERPRISE_STREAM, id: enterpriseStreamId(USCC[2]!) };
      const idempotency = { scope: 'key-1', key: crypto.randomUUID(), requestHash: 'h' };
      const first = await sut.run(
        enterpriseDecider,
        stream,
        { type: 'RegisterEnterprise', data: profile(USCC[2]!), ...context },
        { metadata: anEventMetadata(), idempotency },
      );
      const again = await sut.run(
        enterpriseDecider,
        stream,
        { type: 'RegisterEnterprise', data: profile(USCC[2]!), ...context },
        { metadata: anEventMetadata(), idempotency },
      );

      expect(again).toMatchObject({ version: first.version, position: first.position, replayed: true, appended: [] });
      expect(await store.streamVersion(enterpriseStreamId(USCC[2]!))).toBe(1);
    });

    it('should let 30 simultaneous commands on one object all through without If-Match, one after another', async () => {
      const stream = { type: ENTERPRISE_STREAM, id: enterpriseStreamId(USCC[0]!) };
      const before = (await store.streamVersion(stream.id))!;
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          sut.run(
            enterpriseDecider,
            stream,
            { type: 'MoveToPark', data: { parkId: `p${i}` }, ...context },
            { metadata: anEventMetadata() },
          ),
        ),
      );

      expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 30 }, (_, i) => before + i + 1),
      );
    });

    it('should decide on the stored state when another process wrote in between', async () => {
      const uscc = '91520900MA6H00008Q';
      const stream = { type: ENTERPRISE_STREAM, id: enterpriseStreamId(uscc) };
      const other = new CommandRunner(store); // another api process
      const move = (runner: CommandRunner, parkId: string, expectedVersion?: number) =>
        runner.run(
          enterpriseDecider,
          stream,
          { type: 'MoveToPark', data: { parkId }, ...context },
          {
            metadata: anEventMetadata(),
            ...(expectedVersion !== undefined ? { expectedVersion } : {}),
          },
        );
      await sut.run(
        enterpriseDecider,
        stream,
        { type: 'RegisterEnterprise', data: profile(uscc), ...context },
        { metadata: anEventMetadata() },
      );

      await move(other, 'moved-elsewhere');
      expect((await move(sut, 'p-a')).version).toBe(3);
      expect((await move(other, 'p-b', 3)).version).toBe(4);
      expect((await move(sut, 'p-c', 4)).version).toBe(5); // If-Match 4 holds in the database
      await other.run(
        enterpriseDecider,
        stream,
        { type: 'CloseEnterprise', data: { reason: '注销' }, ...context },
        { metadata: anEventMetadata() },
      );
      await expect(move(sut, 'p-d')).rejects.toMatchObject({ code: 'enterprise_closed' });
    });
  });

  describe('without reading the stream (a create; the state this process left)', () => {
    /** The store as a runner sees it, counting its stream reads: another process has one of its own. */
    const counted = () => {
      const reads: string[] = [];
      let connectionLost = false;
      const view: StreamStore = {
        readStream: (streamId, options) => {
          reads.push(streamId);
          return store.readStream(streamId, options);
        },
        append: async (...args) => {
          const result = await store.append(...args);
          if (connectionLost) throw new Error('Connection terminated unexpectedly');
          return result;
        },
        findIdempotentResult: (key) => store.findIdempotentResult(key),
      };
      const runner = new CommandRunner(view, { stateCacheBytes: 1024 * 1024 });
      /** From now on each append commits, then its answer is lost. */
      const loseConnections = () => {
        connectionLost = true;
      };
      return { reads, runner, loseConnections };
    };
    const enterprise = (uscc: string) => ({ type: ENTERPRISE_STREAM, id: enterpriseStreamId(uscc) });
    const register = (runner: CommandRunner, uscc: string) =>
      runner.run(
        enterpriseDecider,
        enterprise(uscc),
        { type: 'RegisterEnterprise', data: profile(uscc), ...context },
        { metadata: anEventMetadata(), creates: true },
      );
    const move = (runner: CommandRunner, uscc: string, parkId: string, expectedVersion?: number) =>
      runner.run(
        enterpriseDecider,
        enterprise(uscc),
        { type: 'MoveToPark', data: { parkId }, ...context },
        { metadata: anEventMetadata(), ...(expectedVersion === undefined ? {} : { expectedVersion }) },
      );
    const parksOf = async (uscc: string) =>
      (await store.readStream(enterpriseStreamId(uscc)))
        .filter((event) => event.type === 'EnterpriseMovedToPark')
        .map((event) => `${event.data.from as string}→${event.data.to as string}`);

    it('should register without reading, then take the next commands on the state it left', async () => {
      const { reads, runner } = counted();
      const uscc = withUsccCheckCharacter('91520900MA6H00101');

      await register(runner, uscc);
      await move(runner, uscc, 'p1');
      await move(runner, uscc, 'p2', 2);

      expect(reads).toEqual([]);
      expect(await parksOf(uscc)).toEqual(['gaxq-dz→p1', 'p1→p2']);
    });

    it('should refuse a second registration of a USCC as the stored state says, after reading it', async () => {
      const { reads, runner } = counted();
      const uscc = withUsccCheckCharacter('91520900MA6H00102');
      await register(counted().runner, uscc); // another process

      await expect(register(runner, uscc)).rejects.toMatchObject({ code: 'enterprise_already_registered' });
      expect(reads).toEqual([enterpriseStreamId(uscc)]);
      expect(await store.streamVersion(enterpriseStreamId(uscc))).toBe(1);
    });

    it('should not decide again when an append on a kept state failed after it may have committed', async () => {
      const { runner, loseConnections } = counted();
      const uscc = withUsccCheckCharacter('91520900MA6H00104');
      await register(runner, uscc);
      await move(runner, uscc, 'p1');
      loseConnections();

      await expect(move(runner, uscc, 'p2')).rejects.toThrow('Connection terminated unexpectedly');
      expect(await parksOf(uscc)).toEqual(['gaxq-dz→p1', 'p1→p2']); // not decided again as "no change"
    });

    it('should never decide on a state another process has moved on from', async () => {
      const mine = counted();
      const other = counted(); // a second api process writing the same stream
      const uscc = withUsccCheckCharacter('91520900MA6H00103');
      await register(mine.runner, uscc);
      await move(mine.runner, uscc, 'p1'); // this process keeps the enterprise in p1, at version 2

      await move(other.runner, uscc, 'p2');
      // Kept: p1, so the move would be p1→p3; the log says p2→p3.
      await move(mine.runner, uscc, 'p3');
      await move(other.runner, uscc, 'p1');
      // Kept: p3, so "move to p1" would be p3→p1; the stored p1 makes it no change.
      await expect(move(mine.runner, uscc, 'p1')).rejects.toMatchObject({ code: 'no_change' });
      await move(mine.runner, uscc, 'p4');
      await move(other.runner, uscc, 'p5');
      // Kept: p4, where a move to p4 is no change; stored: p5, so it is a move.
      await move(mine.runner, uscc, 'p4');
      const version = (await store.streamVersion(enterpriseStreamId(uscc)))!;
      await move(other.runner, uscc, 'p6');
      // If-Match holds against the stored version, whatever this process kept.
      await expect(move(mine.runner, uscc, 'p7', version)).rejects.toBeInstanceOf(PreconditionFailedError);
      await move(other.runner, uscc, 'p8');
      await move(mine.runner, uscc, 'p7', version + 2);

      expect(await parksOf(uscc)).toEqual([
        'gaxq-dz→p1',
        'p1→p2',
        'p2→p3',
        'p3→p1',
        'p1→p4',
        'p4→p5',
        'p5→p4',
        'p4→p6',
        'p6→p8',
        'p8→p7',
      ]);
    });
  });
});
