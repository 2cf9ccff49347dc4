import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Whether the browser tests can run: Chromium is there. Without it they are skipped with a message naming
 * what is missing, except in CI, which must run them.
 */
export function chromiumOrSkip(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env['CI']) throw new Error(`CI must run ${what}, but ${CHROMIUM} is missing (apt-get install chromium)`);
  console.warn(`SKIPPED: ${what} needs Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return false;
}

/** Headless Chromium; `hostMappedToLoopback` is resolved to 127.0.0.1, to open a page as a remote user would. */
export function launchChromium(hostMappedToLoopback?: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(hostMappedToLoopback ? [`--host-resolver-rules=MAP ${hostMappedToLoopback} 127.0.0.1`] : []),
    ],
  });
}
