// Debian's Chromium, driven by playwright-core. On a machine without it the browser suites are
// skipped with a visible line; in CI (CI=true) a missing Chromium fails the run instead.
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** `extraArgs`: flags for one suite's needs (the widget's: third-party storage allowed). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...ARGS, ...extraArgs],
    headless: true,
  });
}

/** `describe` that runs only where Chromium is installed (and insists on it in CI). */
export function describeInBrowser(name: string, body: () => void): void {
  if (fs.existsSync(CHROMIUM_PATH)) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    throw new Error(`CI=true requires Chromium at ${CHROMIUM_PATH} for the browser tests`);
  }
  console.warn(
    `\n  ⚠ browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)\n`,
  );
  describe.skip(name, body);
}
