import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PostgreSQL cluster of a test's own (initdb into a temporary folder, on a spare port), for what must not
 * happen to the shared server: restarts, stops, replicas. Runs the server's own binaries (Debian's
 * /usr/lib/postgresql/<version>/bin), as the `postgres` user when the test runs as root.
 */
export interface PrivateCluster {
  readonly port: number;
  /** The server's processes while it runs: the postmaster (first) and its children (backends, WAL receiver, …). */
  processes(): number[];
  /** A URL of one of its databases, over TCP on 127.0.0.1. */
  url(database?: string): string;
  start(): void;
  /** `fast` ends the sessions and shuts down cleanly; `immediate` is a crash (recovery on the next start). */
  stop(mode?: 'fast' | 'immediate'): void;
  /** Stops it and removes its folder. */
  destroy(): void;
}

/** The newest installed server's binaries, or null (then the tests that need a cluster of their own skip). */
export function postgresBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

const asRoot = process.getuid?.() === 0;

function run(bin: string, command: string, args: string[]): string {
  const [file, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]]
    : [join(bin, command), args];
  const result = spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/** The processes whose parent is this one, from /proc. */
function childrenOf(parent: number): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      // The fields after the command name (which may hold spaces): state, then the parent's pid.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent ? [Number(entry)] : [];
    } catch {
      return []; // it ended meanwhile
    }
  });
}

/** A port nobody listens on now. */
export async function sparePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A temporary folder the server's user owns. */
function serverFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'tracker-pg-'));
  if (asRoot) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim();
    const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim();
    chownSync(folder, Number(ids), Number(group));
  }
  return folder;
}

/** A cluster whose data folder is made: started on a spare port, its sockets in its own folder. */
async function clusterIn(bin: string, folder: string, data: string, settings: string): Promise<PrivateCluster> {
  const port = await sparePort();
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100${settings}`;
  const cluster: PrivateCluster = {
    port,
    processes: () => {
      const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return [postmaster, ...childrenOf(postmaster)];
    },
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => void run(bin, 'pg_ctl', ['-D', data, '-o', options, '-l', join(folder, 'log'), '-w', 'start']),
    stop: (mode = 'fast') => void run(bin, 'pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']),
    destroy: () => {
      try {
        cluster.stop('immediate');
      } catch {
        // already stopped
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}

export async function startPrivateCluster(bin: string): Promise<PrivateCluster> {
  const folder = serverFolder();
  const data = join(folder, 'data');
  // initdb's trust rules let 127.0.0.1 connect for replication too, and wal_level is `replica` by default.
  run(bin, 'initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  return clusterIn(bin, folder, data, '');
}

/**
 * A streaming replica of a private cluster: `pg_basebackup -R` (which writes standby.signal and the primary's
 * address) into a temporary folder, started on a spare port as a hot standby.
 */
export async function startStreamingReplica(bin: string, primary: PrivateCluster): Promise<PrivateCluster> {
  const folder = serverFolder();
  const data = join(folder, 'data');
  run(bin, 'pg_basebackup', [
    ...['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres'],
    ...['-D', data, '-R', '-X', 'stream', '-c', 'fast', '--no-sync'],
  ]);
  return clusterIn(bin, folder, data, ' -c hot_standby=on');
}
