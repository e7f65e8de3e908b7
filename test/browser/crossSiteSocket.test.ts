// Cross-site WebSocket hijacking in a real browser: a customer reaches Switchboard through an
// authenticating proxy, so Chromium attaches `Authorization: Basic …` on its own to everything
// it sends there, and then visits a page of another site that opens a socket to Switchboard.
// The browser sends the customer's cookie and the Basic credentials with that handshake; the
// socket must not be the customer's.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBasicAuthProxy, type BasicAuthProxy } from './support/basicAuthProxy.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import { startOtherSite, type OtherSite, type SocketOutcome } from './support/otherSite.js';
import type { SignedInPage } from './support/ui.js';

const PROXY_CREDENTIALS = { username: 'yaw', password: 'intranet password' };

describeInBrowser('a page of another site opening a socket to Switchboard', () => {
  const suite = useServerAndBrowser();
  let proxy: BasicAuthProxy;
  let otherSite: OtherSite;
  let customerPage: SignedInPage;

  beforeAll(async () => {
    [proxy, otherSite] = await Promise.all([
      startBasicAuthProxy(suite.server.url, PROXY_CREDENTIALS),
      startOtherSite(),
    ]);
  });
  afterAll(async () => {
    await customerPage?.context().close();
    await Promise.all([proxy?.stop(), otherSite?.stop()]);
  });

  it('still connects the web app itself behind the authenticating proxy', async () => {
    const customer = await suite.server.person('Yaw Asante');
    // signIn waits until the app's own socket is connected.
    customerPage = await suite.signIn(customer, {
      baseURL: proxy.url,
      httpCredentials: PROXY_CREDENTIALS,
    });
    expect(proxy.handshakes.at(-1)).toMatchObject({
      origin: proxy.url,
      authorization: expect.stringMatching(/^Basic /),
    });
    expect(customerPage.errors).toEqual([]);
  });

  it('gets no socket in the customer’s name, though the browser sent cookie and Basic', async () => {
    const page = await customerPage.context().newPage();
    const socketUrl = `${proxy.url.replace(/^http/, 'ws')}/api/v1/ws`;
    await page.goto(`${otherSite.url}/?socket=${encodeURIComponent(socketUrl)}`);
    const outcome = await page.evaluate<SocketOutcome>('window.socketOutcome');
    // What the browser attached by itself: proof that the attack was tried for real.
    expect(proxy.handshakes.find((headers) => headers.origin === otherSite.url)).toMatchObject({
      authorization: expect.stringMatching(/^Basic /),
      cookie: expect.stringMatching(/sb_session=/),
    });
    // Refused with HTTP 403 before the upgrade, which a page only sees as close code 1006.
    expect(outcome).toEqual({ greetedAs: null, closeCode: 1006 });
  });
});
