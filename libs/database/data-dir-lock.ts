import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The embedded database's folder is used by another process that is still running. */
export class DataDirInUseError extends Error {
  readonly code = 'data_dir_in_use';
}

const LOCK_FILE = 'tracker.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the embedded database's folder for this process: PGlite has one writer, and a second process on the same
 * folder (the CLI while the api runs, say) would corrupt it. The lock is a file holding the owner's pid, made
 * with exclusive create; the lock of a process that died is taken over. Returns its release.
 */
export function lockDataDir(dataDir: string, what = `${process.argv[1] ?? 'node'}`): () => void {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const mine = JSON.stringify({ pid: process.pid, host: hostname(), what, since: new Date().toISOString() });
      writeFileSync(path, mine, { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        // Only our own lock: one taken over from us (we looked dead to another host) stays.
        try {
          if (readFileSync(path, 'utf8') === mine) rmSync(path, { force: true });
        } catch {
          // gone already
        }
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: { pid?: number; host?: string; what?: string } = {};
      try {
        holder = JSON.parse(readFileSync(path, 'utf8')) as typeof holder;
      } catch {
        // unreadable: treated as stale
      }
      // A holder on another host (another container on the same volume) cannot be seen: it counts as alive.
      const elsewhere = holder.host !== undefined && holder.host !== hostname();
      if (typeof holder.pid === 'number' && (elsewhere || (holder.pid !== process.pid && alive(holder.pid)))) {
        throw new DataDirInUseError(
          `The embedded database in ${dataDir} is in use by process ${holder.pid}` +
            `${elsewhere ? ` on ${holder.host}` : ''} (${holder.what ?? 'unknown'}). ` +
            'Stop that process first (the CLI and the service cannot share it), or run both on a PostgreSQL server ' +
            `with DATABASE_URL. If no such process runs any more, delete ${path}.`,
        );
      }
      rmSync(path, { force: true }); // its owner is gone
    }
  }
  throw new DataDirInUseError(`Could not take the lock of ${dataDir}`);
}
