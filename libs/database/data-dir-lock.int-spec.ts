import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { DataDirInUseError } from './data-dir-lock.js';
import { openDatabase } from './database.js';

describe('the embedded database folder', () => {
  const folders: string[] = [];
  let holder: ChildProcess | undefined;
  afterEach(() => {
    holder?.kill('SIGKILL');
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  const folder = () => {
    const path = mkdtempSync(join(tmpdir(), 'tracker-lock-'));
    folders.push(path);
    return path;
  };

  it('should refuse a second process while the first runs, and take over the lock of one that died', async () => {
    const dataDir = folder();
    // Another process holds the folder (as an api would while the CLI starts).
    holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    writeFileSync(join(dataDir, 'tracker.lock'), JSON.stringify({ pid: holder.pid, what: 'dist/apps/api/main.js' }));
    const refused = openDatabase({ dataDir });
    await expect(refused).rejects.toThrow(DataDirInUseError);
    await expect(refused).rejects.toThrow(`in use by process ${holder.pid} (dist/apps/api/main.js)`);

    holder.kill('SIGKILL');
    await new Promise((resolve) => holder!.once('exit', resolve));
    const database = await openDatabase({ dataDir });
    await database.close();
    expect(existsSync(join(dataDir, 'tracker.lock'))).toBe(false);
  }, 30_000);
});
