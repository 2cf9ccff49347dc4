/**
 * A projection runner for the crash and takeover tests (built with the app; run as a child process).
 * Runs the read models and, with SEEN=1, `seen`: one row per event (primary key event id), so a repeated
 * event breaks its key and a skipped one is missing. CRASH_AFTER=n: SIGKILLs itself in the middle of the
 * batch in which it reaches n applied events, with part of that batch written in the open transaction.
 */
import { openDatabase, type DB } from '#libs/database';
import { EventStore } from '#libs/event-store';
import { READ_MODEL_PROJECTIONS } from '#libs/read-models';
import { type Projection, ProjectionEngine, type ReadModelTable } from '#libs/projections';
import type { QueryCreator } from 'kysely';

const crashAfter = Number(process.env['CRASH_AFTER'] ?? 0);
let applied = 0;

const SEEN_STREAM_TYPES = ['Enterprise', 'ServiceProvider', 'Diagnostic', 'TransformationProject'];

const seen: Projection = {
  name: 'seen',
  version: 1,
  streamTypes: SEEN_STREAM_TYPES,
  tables: ['rm_test_seen' as ReadModelTable],
  async apply(db, events) {
    await (db as unknown as QueryCreator<{ rm_test_seen: { event_id: string; global_position: number } }>)
      .insertInto('rm_test_seen')
      .values(events.map((event) => ({ event_id: event.eventId, global_position: event.position.globalPosition })))
      .execute();
  },
};

function crashing(projection: Projection): Projection {
  return {
    ...projection,
    async apply(db: QueryCreator<DB>, events) {
      if (crashAfter > 0 && applied + events.length >= crashAfter) {
        // Projections run side by side, so `applied` may have passed the crash point already: then nothing is
        // left to apply before dying (an empty apply would fail the projection's batch instead).
        const part = events.slice(0, Math.max(0, crashAfter - applied));
        if (part.length > 0) await projection.apply(db, part);
        process.kill(process.pid, 'SIGKILL');
        await new Promise(() => undefined);
      }
      await projection.apply(db, events);
      applied += events.length;
    },
  };
}

async function main(): Promise<void> {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is required');
  const database = await openDatabase({ url, poolSize: 4, applicationName: 'test-projector' });
  const projections = [...READ_MODEL_PROJECTIONS, ...(process.env['SEEN'] === '1' ? [seen] : [])].map(crashing);
  const engine = new ProjectionEngine(database, new EventStore(database), projections, {
    batchSize: Number(process.env['BATCH_SIZE'] ?? 100),
    pollIntervalMs: 100,
    leaseIntervalMs: 200,
    owner: `projector:${process.pid}`,
  });
  await engine.start();
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => {
    void engine
      .stop()
      .then(() => database.close())
      .then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
