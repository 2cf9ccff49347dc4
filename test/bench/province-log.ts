import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import type { Database } from '#libs/database';
import { withUsccCheckCharacter } from '#libs/enterprises';
import { EventStore, LOG_START, type StoredEvent } from '#libs/event-store';
import { orgCode } from './http-commands.js';

const SEED_ENTERPRISES = 300;
const YEAR = 2026;

/**
 * A province-sized log (DOMAIN.md 7: ~5,000 enterprises above designated size, ~1M events): the demo data set
 * loaded through the commands, then copied with new ids (17 copies of 300 firms in the same parks), each
 * firm with diagnostics in earlier yearly campaigns (dates moved back) and earlier projects. Appended through
 * the event store, whole streams at a time.
 */
export async function buildProvinceLog(
  database: Database,
  databaseUrl: string,
  options: { copies?: number; campaigns?: number; projectRounds?: number } = {},
): Promise<{ events: number; enterprises: number }> {
  const copies = options.copies ?? 17;
  const campaigns = options.campaigns ?? 7;
  const projectRounds = options.projectRounds ?? 2;
  const load = spawnSync(
    process.execPath,
    ['dist/apps/api/cli.js', 'demo-data', '--enterprises', String(SEED_ENTERPRISES)],
    { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' }, encoding: 'utf8' },
  );
  if (load.status !== 0) throw new Error(`demo data did not load: ${load.stderr}`);

  const store = new EventStore(database);
  const streams = new Map<string, StoredEvent[]>();
  for (let after = LOG_START; ;) {
    const batch = await store.readAll({ after, limit: 5000 });
    if (batch.length === 0) break;
    for (const event of batch) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
    after = batch.at(-1)!.position;
  }
  const enterprises = [...streams.keys()].filter((id) => id.startsWith('enterprise-')).map((id) => id.slice(11));

  type Copy = {
    streamId: string;
    streamType: string;
    events: StoredEvent[];
    replace: Map<string, string>;
    years: number;
  };
  const work: Copy[] = [];
  for (let copy = 0; copy < copies; copy++) {
    const ids = new Map<string, string>();
    if (copy > 0) {
      enterprises.forEach((uscc, i) =>
        ids.set(uscc, withUsccCheckCharacter(`${uscc.slice(0, 8)}${orgCode(50_000_000 + copy * 10_000 + i)}`)),
      );
    }
    for (const [streamId, events] of streams) {
      const type = events[0]!.streamType;
      if (type === 'Enterprise' && copy > 0) {
        work.push({ streamId, streamType: type, events, replace: ids, years: 0 });
      }
      const rounds = type === 'Diagnostic' ? campaigns : type === 'TransformationProject' ? projectRounds : 0;
      for (let round = 0; round < rounds; round++) {
        if (copy === 0 && round === 0) continue; // the loaded stream itself
        const replace = new Map(ids);
        replace.set(streamId.slice(streamId.indexOf('-') + 1), randomUUID());
        work.push({ streamId, streamType: type, events, replace, years: round });
      }
    }
  }

  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < work.length) {
        const { streamId, streamType, events, replace, years } = work[next++]!;
        const rewrite = (text: string) => {
          let out = text;
          for (const [from, to] of replace) out = out.replaceAll(from, to);
          if (years > 0) {
            out = out.replaceAll(`"${YEAR}-`, `"${YEAR - years}-`).replaceAll(`"${YEAR}"`, `"${YEAR - years}"`);
          }
          return out;
        };
        const shift = (date: Date) => {
          const moved = new Date(date);
          moved.setUTCFullYear(moved.getUTCFullYear() - years);
          return moved;
        };
        await store.append(
          rewrite(streamId),
          streamType,
          events.map((event) => ({
            type: event.type,
            data: JSON.parse(rewrite(JSON.stringify(event.data))) as Record<string, unknown>,
            occurredAt: shift(event.occurredAt),
            metadata: event.metadata,
          })),
          { expectedVersion: 'no_stream', metadata: events[0]!.metadata },
        );
      }
    }),
  );
  const [count] = await database.db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .execute();
  return { events: Number(count?.n ?? 0), enterprises: enterprises.length * copies };
}
