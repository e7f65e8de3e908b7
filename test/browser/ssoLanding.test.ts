// The host application's SSO landing in a real browser: whatever `next` a link carries, Chromium
// ends up on this Switchboard, because the server decides where `next` leads the way a browser
// resolves it.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { expect, it } from 'vitest';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import { SSO_SECRET } from './support/server.js';
import { until } from './support/ui.js';

const ssoToken = () =>
  new SignJWT({ name: 'Kojo Annan', role: 'user' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('portal-kojo')
    .setAudience('switchboard')
    .setJti(randomUUID())
    .setExpirationTime('2m')
    .sign(new TextEncoder().encode(SSO_SECRET));

describeInBrowser('the SSO landing', () => {
  const suite = useServerAndBrowser();

  it('keeps the browser on this site whatever next says', async () => {
    const site = new URL(suite.server.url).origin;
    /** For each `next` that led the browser elsewhere: where it went. */
    const escapes: Record<string, string[]> = {};
    for (const next of [
      '//evil.example',
      '///evil.example',
      '/\\evil.example',
      '\\/evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      ' //evil.example',
      '/%09/evil.example',
      '/%2F%2Fevil.example',
      '/.//evil.example',
      'https:evil.example',
      'http:\\\\evil.example',
      'http://evil.example',
      `${site}@evil.example`,
      'javascript:alert(1)',
    ]) {
      const page = await suite.openPage();
      // Every request the browser makes, redirects included, so a trip elsewhere shows even
      // when that host does not resolve.
      const offSite: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).origin !== site) offSite.push(request.url());
      });
      await page
        .goto(`/api/v1/auth/sso?token=${await ssoToken()}&next=${encodeURIComponent(next)}`)
        .catch((error: Error) => offSite.push(error.message.split('\n')[0]!));
      if (new URL(page.url()).origin !== site) offSite.push(`ended on ${page.url()}`);
      if (offSite.length > 0) escapes[next] = offSite;
      expect(page.errors).toEqual([]);
      await page.context().close();
    }
    expect(escapes).toEqual({});
  });

  it('lands on the path next names', async () => {
    const page = await suite.openPage();
    await page.goto(
      `/api/v1/auth/sso?token=${await ssoToken()}&next=${encodeURIComponent('/chat/../history')}`,
    );
    expect(new URL(page.url()).pathname).toBe('/history');
    await until(async () => expect(await page.title()).toContain('Your chats'));
    expect(page.errors).toEqual([]);
  });
});
