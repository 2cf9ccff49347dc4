/** Signals that ask a process to stop: an orchestrator's SIGTERM, a terminal's Ctrl-C. */
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * On SIGTERM or SIGINT, runs `shutdown` once and exits 0 when it is done. A second signal, or a shutdown that
 * fails, exits 1 at once. Nest's own shutdown hooks would re-raise the signal afterwards, so the process
 * would end as killed instead of exiting 0.
 */
export function exitGracefullyOnSignals(
  shutdown: (signal: NodeJS.Signals) => Promise<void>,
  log: { log(message: string): void; error(message: string): void },
): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.error(`${signal} again: stopping at once`);
      process.exit(1);
    }
    stopping = true;
    log.log(`${signal}: shutting down`);
    shutdown(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
}
