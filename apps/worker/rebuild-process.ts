import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { setPriority } from 'node:os';

const RESTART_MS = { first: 1_000, max: 30_000 };
/** How long a stop waits for the rebuild process to finish its batch before it is killed. */
const STOP_TIMEOUT_MS = 20_000;
/** The rebuild process's niceness (0 normal, 19 lowest). */
const REBUILD_NICENESS = 10;

/**
 * Keeps the worker's rebuild process running: started at once, started again (after a pause that grows while
 * it keeps failing) when it ends, stopped with the worker.
 */
export class RebuildProcess {
  private child: ChildProcess | null = null;
  private stopping = false;
  private pause = RESTART_MS.first;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly script: URL,
    private readonly log: { log(message: string): void; warn(message: string): void },
  ) {}

  start(): void {
    if (this.stopping) return;
    const startedAt = Date.now();
    const child = fork(this.script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child = child;
    // A fork that fails (no memory, say) is told as an error and then as an exit, which starts it again.
    child.on('error', (error) => this.log.warn(`rebuild process: ${error.message}`));
    try {
      // Behind the live projections for the CPU: a rebuild takes what they leave (it only slows on a busy machine).
      if (child.pid !== undefined) setPriority(child.pid, REBUILD_NICENESS);
    } catch {
      // it has exited already, or priorities cannot be changed here: it runs at normal priority
    }
    child.once('exit', (code, signal) => {
      this.child = null;
      if (this.stopping) return;
      if (Date.now() - startedAt > RESTART_MS.max) this.pause = RESTART_MS.first;
      this.log.warn(`rebuild process ended (${signal ?? code}); starting it again in ${this.pause} ms`);
      this.timer = setTimeout(() => this.start(), this.pause);
      this.pause = Math.min(this.pause * 2, RESTART_MS.max);
    });
    this.log.log(`rebuilds run in process ${child.pid}`);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    // A swap may be building indexes: it gets a while, then the process is killed (its transaction rolls back).
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
}
