import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { commandLoad, startApi, startWorker } from './http-commands.js';

/**
 * `node dist/test/bench/profile.js [--seconds N] [--out DIR] [--top N]`: the production topology (the api
 * with `RUN_PROJECTIONS=false` and a worker) under the command load of `http_command_c32`, both processes
 * under `node --cpu-prof`, in a fresh database of the server at DATABASE_URL. Prints each process's top
 * frames by self time and its time by package; the profiles stay in DIR for Chrome's DevTools.
 */
const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const seconds = Number(option('seconds') ?? 10);
const out = option('out') ?? `/tmp/tracker-profile-${Date.now()}`;
const top = Number(option('top') ?? 25);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Self time by frame and by package (node_modules package, our file's folder, or Node's internals). */
function summarize(file: string): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFrame = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    if (functionName === '(idle)') return;
    const micros = profile.timeDeltas[i] ?? 0;
    busy += micros;
    const path = url.replace(/^file:\/\//, '');
    const inModules = path.lastIndexOf('node_modules/');
    const where =
      inModules >= 0
        ? path.slice(inModules + 13)
        : path.includes('/dist/')
          ? path.slice(path.indexOf('/dist/') + 6)
          : path;
    const pkg =
      inModules >= 0
        ? where
            .split('/')
            .slice(0, where.startsWith('@') ? 2 : 1)
            .join('/')
        : path === ''
          ? functionName
          : path.startsWith('node:')
            ? 'node internals'
            : where.split('/').slice(0, 2).join('/');
    const frame = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
    byFrame.set(frame, (byFrame.get(frame) ?? 0) + micros);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
  });
  const lines = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([name, micros]) =>
          `${(micros / 1000).toFixed(0).padStart(7)} ms ${((100 * micros) / busy).toFixed(1).padStart(5)} %  ${name}`,
      );
  return [`busy ${(busy / 1000).toFixed(0)} ms`, ...lines(byFrame, top), '  by package:', ...lines(byPackage, 15)];
}

async function main(): Promise<void> {
  const name = `tracker_profile_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    const profiled = (role: string) => ['--cpu-prof', `--cpu-prof-dir=${join(out, role)}`];
    mkdirSync(out, { recursive: true });
    const api = await startApi(url.toString(), { RUN_PROJECTIONS: 'false' }, 3917, profiled('api'));
    const worker = startWorker(url.toString(), profiled('worker'));
    try {
      await commandLoad(api, 3); // warm-up
      const load = await commandLoad(api, seconds);
      process.stdout.write(`${Math.round(load.commandsPerSecond)} commands/s, p99 ${load.p99} ms\n`);
      await sleep(2000); // the worker catches up
    } finally {
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker.once('exit', resolve));
      await api.stop();
    }
    for (const role of ['api', 'worker']) {
      for (const file of readdirSync(join(out, role)).filter((f) => f.endsWith('.cpuprofile'))) {
        process.stdout.write(
          `\n== ${role} (${join(out, role, file)})\n${summarize(join(out, role, file)).join('\n')}\n`,
        );
      }
    }
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
