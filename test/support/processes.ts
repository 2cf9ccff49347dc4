import { type ChildProcess, spawn, spawnSync } from 'node:child_process';

let built = false;

/** Child-process tests run the built service (`npm run build`, incremental: a few seconds). */
export function buildOnce(): void {
  if (built) return;
  const result = spawnSync('npm', ['run', 'build'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
  built = true;
}

export interface Child {
  process: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node <script>` from dist with this environment; resolves once it printed `ready` (or `listening`). */
export async function startChild(
  script: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<Child> {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const started = Date.now();
  while (!ready.test(output)) {
    const done = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 50))]);
    if (done || Date.now() - started > 30_000) {
      if (ready.test(output)) break;
      child.kill('SIGKILL');
      throw new Error(`${script} did not start:\n${output}`);
    }
  }
  return { process: child, output: () => output, exited };
}

/** The error lines of a child's log (JSON lines at level 50 or above, or a plain line that says ERROR). */
export function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => /"level":(5\d|60)\b|\bERROR\b/.test(line));
}

export async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}
