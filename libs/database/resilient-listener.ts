import pg from 'pg';
import type { Unlisten } from './database.js';

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5000;

export interface ListenHandlers {
  onMessage(payload: string): void;
  /** Called after the session came back: notifications sent while it was away are lost. */
  onResumed?: () => void;
}

/**
 * A LISTEN session that comes back by itself. When its connection ends (the backend terminated, the server
 * restarted), it connects again with backoff, listens again and calls `onResumed` once, so that whoever waits
 * for notifications looks for what it may have missed. The first connection's failure is the caller's.
 */
export async function listenResiliently(
  newClient: () => pg.Client,
  channel: string,
  handlers: ListenHandlers,
): Promise<Unlisten> {
  let current: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;

  const open = async (): Promise<void> => {
    const client = newClient();
    client.on('notification', (message) => {
      if (message.channel === channel) handlers.onMessage(message.payload ?? '');
    });
    client.on('error', () => undefined); // the 'end' that follows reconnects
    client.on('end', () => {
      if (current !== client) return;
      current = null;
      reconnectLater();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (stopped) await client.end().catch(() => undefined);
    else current = client;
  };

  const reconnectLater = (): void => {
    if (stopped) return;
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** failures);
    failures += 1;
    retry = setTimeout(() => {
      open().then(() => {
        failures = 0;
        if (!stopped) handlers.onResumed?.();
      }, reconnectLater);
    }, delay);
  };

  await open();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const client = current;
    current = null;
    await client?.end().catch(() => undefined);
  };
}
