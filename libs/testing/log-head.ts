import { type EventStore, LOG_START, type LogPosition } from '#libs/event-store';

/** Where a reader of the global log stands once it has read all there is to read now. */
export async function readLogToEnd(store: EventStore): Promise<LogPosition> {
  let position = LOG_START;
  for (;;) {
    const batch = await store.readAll({ after: position, limit: 1000 });
    if (batch.length === 0) return position;
    position = batch.at(-1)!.position;
  }
}
