import { readFileSync, rmSync, writeFileSync } from 'node:fs';
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
      writeFileSync(path, JSON.stringify({ pid: process.pid, what, since: new Date().toISOString() }), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: { pid?: number; what?: string } = {};
      try {
        holder = JSON.parse(readFileSync(path, 'utf8')) as typeof holder;
      } catch {
        // unreadable: treated as stale
      }
      if (typeof holder.pid === 'number' && holder.pid !== process.pid && alive(holder.pid)) {
        throw new DataDirInUseError(
          `The embedded database in ${dataDir} is in use by process ${holder.pid} (${holder.what ?? 'unknown'}). ` +
            'Stop that process first (the CLI and the service cannot share it), or run both on a PostgreSQL server ' +
            'with DATABASE_URL.',
        );
      }
      rmSync(path, { force: true }); // its owner is gone
    }
  }
  throw new DataDirInUseError(`Could not take the lock of ${dataDir}`);
}
