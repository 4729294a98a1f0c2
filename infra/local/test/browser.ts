import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (`apt install chromium`), or the one CHROMIUM_PATH names. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the browser tests of a file can run. CI installs chromium and sets HUB_REQUIRE_BROWSER=1, so there a
 * missing browser fails the run; on a machine with only Node.js the tests are skipped and say so.
 */
export function browserAvailable(tests: string): boolean {
  const available = existsSync(CHROMIUM);
  if (!available && process.env.HUB_REQUIRE_BROWSER) throw new Error(`No browser at ${CHROMIUM}`);
  if (!available) console.warn(`${tests} skipped: no browser at ${CHROMIUM} (apt install chromium)`);
  return available;
}

/** Headless chromium without the background traffic this machine's closed network refuses. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}
