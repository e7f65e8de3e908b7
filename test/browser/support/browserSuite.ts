// The server and the Chromium that the tests of one browser file share: started before the first
// test (once the web app is built) and stopped after the last, with pages opened against that
// server.
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium.js';
import { startServer, type TestServer } from './server.js';
import { openPage, signIn, type SignedInPage } from './ui.js';
import { ensureWebBuild } from './webBuild.js';

export interface BrowserSuite {
  readonly server: TestServer;
  /** A page in a fresh browser context on the server, signed in as `person`. */
  signIn(
    person: { email: string; name: string; password?: string },
    options?: BrowserContextOptions,
  ): Promise<SignedInPage>;
  /** A page in a fresh browser context on the server, signed in as nobody. */
  openPage(options?: BrowserContextOptions): Promise<SignedInPage>;
}

/**
 * Registers the beforeAll and afterAll hooks of the surrounding `describeInBrowser`. The
 * server (configured with `env`) and browser exist from the first of the file's own beforeAll
 * hooks on.
 */
export function useServerAndBrowser(
  env: Record<string, string> = {},
  { chromiumArgs = [] }: { chromiumArgs?: readonly string[] } = {},
): BrowserSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await ensureWebBuild();
    [server, browser] = await Promise.all([startServer(env), launchChromium(chromiumArgs)]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = () => {
    if (!server || !browser) throw new Error('the server and browser start in beforeAll');
    return { server, browser };
  };
  return {
    get server() {
      return started().server;
    },
    signIn: (person, options) => {
      const { server, browser } = started();
      return signIn(browser, server.url, person, options);
    },
    openPage: (options) => {
      const { server, browser } = started();
      return openPage(browser, server.url, options);
    },
  };
}
