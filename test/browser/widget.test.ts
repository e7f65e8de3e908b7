// The chat widget on another site: a portal's page on 127.0.0.1 embeds it from Switchboard on
// localhost with the admin page's snippet; an anonymous visitor opens the launcher, chats with an
// agent in another browser, hears the reply through the JS API, reloads the portal's page and
// finds the chat again; and the portal's scripts cannot read the visitor's token. Debian's
// Chromium blocks third-party cookies, and with them the framed page's localStorage: the token
// lives in the partitioned visitor cookie there (docs/widget.md, Storage). With the chat closed,
// a reload still brings the desk's replies to the badge (the widget is made hidden for a chat
// going on); and the visitor downloads the transcript from the widget, without the desk's note.
import { createHmac } from 'node:crypto';
import fs from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FrameLocator } from 'playwright-core';
import { saveWidgetSettings } from '../../src/services/widget/widgetSettings.js';
import { DEFAULT_WIDGET_SETTINGS } from '../../src/shared/widgetSettingsApi.js';
import { widgetSnippet } from '../../src/shared/widgetSnippet.js';

import { useServerAndBrowser } from './support/browserSuite.js';
import { SSO_SECRET } from './support/server.js';
import { describeInBrowser } from './support/chromium.js';
import { asLocalhost, startHostSite, type HostSite } from './support/hostSite.js';
import { goOnline } from './support/scenes.js';
import { bubbles, send, SHORT, until, visible, type SignedInPage } from './support/ui.js';

const NOTE = 'Asked twice already, check the registry queue';
const SETTINGS = { ...DEFAULT_WIDGET_SETTINGS, color: '#0f766e', greeting: 'Registry help' };

describeInBrowser('the chat widget embedded in another site', () => {
  const suite = useServerAndBrowser();
  let host: HostSite;
  let agentPage: SignedInPage;
  let visitorPage: SignedInPage;
  const widget = () => visitorPage.frameLocator('iframe[title="Chat"]');
  const widgetBubbles = (frame: FrameLocator, text: string) =>
    frame
      .getByRole('log', { name: 'Messages' })
      .locator('.bubble')
      .filter({ has: frame.locator('.bubble__text', { hasText: text }) });

  beforeAll(async () => {
    const switchboard = asLocalhost(suite.server.url);
    const snippet = widgetSnippet(switchboard, SETTINGS).replace(
      '></script>',
      ` onload="window.heard = []; Switchboard.on('message', (m) => heard.push(m.text))"></script>`,
    );
    host = await startHostSite(
      `<!doctype html><title>Student portal</title><h1>Student portal</h1>${snippet}`,
    );
    const boss = await suite.server.person('Boss', 'super_admin');
    await saveWidgetSettings(suite.server.node.ctx, boss, {
      ...SETTINGS,
      allowedOrigins: [host.url],
    });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('lets an anonymous visitor chat with an agent from the launcher', async () => {
    const agent = await suite.server.person('Ama Mensah', 'admin');
    agentPage = await suite.signIn(agent);
    await goOnline(agentPage);

    visitorPage = await suite.openPage({ baseURL: host.url });
    await visitorPage.goto('/');
    // Nothing but the launcher until the visitor opens it.
    await visible(visitorPage.getByRole('button', { name: 'Open the chat' }));
    expect(await visitorPage.locator('[data-switchboard-widget] iframe').count()).toBe(0);
    await visitorPage.getByRole('button', { name: 'Open the chat' }).click();

    const frame = widget();
    await visible(frame.getByText('Registry help'));
    await frame.getByLabel('Subject').fill('Transcript request');
    await frame.getByLabel('Your message').fill('How do I get my transcript?');
    await frame.getByRole('button', { name: 'Start chat' }).click();
    await visible(frame.getByText('Ama Mensah joined the chat'));
    await visible(bubbles(agentPage, 'How do I get my transcript?'));

    await send(agentPage, 'You can order it at the registry desk.');
    await visible(widgetBubbles(frame, 'You can order it at the registry desk.'));
    await until(async () =>
      expect(await visitorPage.evaluate('window.heard')).toContain(
        'You can order it at the registry desk.',
      ),
    );
    expect(visitorPage.errors).toEqual([]);
  });

  it('finds the chat again after the host page reloads, reopened as it was left', async () => {
    await visitorPage.reload();
    const frame = widget();
    await visible(widgetBubbles(frame, 'How do I get my transcript?'));
    await visible(widgetBubbles(frame, 'You can order it at the registry desk.'));
    await frame.locator('.composer__input').fill('Thank you!');
    await frame.locator('.composer__input').press('Enter');
    await visible(bubbles(agentPage, 'Thank you!'));
  });

  it("keeps the visitor's token out of the host page's reach", async () => {
    const reach = await visitorPage.evaluate(`(() => {
      const frame = document.querySelector('[data-switchboard-widget]').shadowRoot.querySelector('iframe');
      try {
        return String(frame.contentWindow.localStorage.length);
      } catch (error) {
        return error.name;
      }
    })()`);
    expect(reach).toBe('SecurityError');
    const own = await visitorPage.evaluate(
      '({ cookie: document.cookie, local: Object.keys(localStorage), session: Object.keys(sessionStorage).sort() })',
    );
    expect(own).toEqual({
      cookie: '',
      local: [],
      session: ['switchboard.widget.chat', 'switchboard.widget.open'],
    });
    // The framed page may keep nothing here: the token is in the partitioned visitor cookie,
    // which not even the widget page's scripts can read.
    const cookies = await visitorPage.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'sb_visitor')).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'None',
    });
    const framed = visitorPage.frames().find((frame) => frame !== visitorPage.mainFrame());
    expect(await framed!.evaluate('document.cookie')).toBe('');
  });

  it("identifies the visitor as the portal's user with the HMAC, and refuses a wrong one", async () => {
    const hmac = createHmac('sha256', SSO_SECRET).update('student-1042').digest('hex');
    const wrong = createHmac('sha256', SSO_SECRET).update('student-1043').digest('hex');
    await visitorPage.evaluate(`(() => {
      window.failures = [];
      Switchboard.on('error', (e) => failures.push(e.code));
      Switchboard.identify({ userId: 'student-1042', hmac: '${wrong}', name: 'Yaw Boateng' });
    })()`);
    await until(async () =>
      expect(await visitorPage.evaluate('window.failures')).toEqual(['INVALID_IDENTITY_HMAC']),
    );
    const linked = () =>
      suite.server.node.ctx.store.db
        .selectFrom('users')
        .select(['name'])
        .where('external_id', '=', 'student-1042')
        .executeTakeFirst();
    expect(await linked()).toBeUndefined();

    await visitorPage.evaluate(
      `Switchboard.identify({ userId: 'student-1042', hmac: '${hmac}', name: 'Yaw Boateng' })`,
    );
    await until(async () => expect(await linked()).toEqual({ name: 'Yaw Boateng' }));
    // The chat came along: the visitor, now the portal's user, still writes in it.
    const frame = widget();
    await visible(widgetBubbles(frame, 'Thank you!'));
    await frame.locator('.composer__input').fill('I am Yaw.');
    await frame.locator('.composer__input').press('Enter');
    await visible(bubbles(agentPage, 'I am Yaw.'));
    expect(await visitorPage.evaluate('window.failures')).toEqual(['INVALID_IDENTITY_HMAC']);
  });

  it("counts the desk's replies on the badge after a reload with the chat closed", async () => {
    await visitorPage.getByRole('button', { name: 'Close the chat' }).click();
    await visitorPage.reload();
    // The chat goes on, so the widget is made again once the page has loaded, but stays hidden.
    const frame = widget();
    await visitorPage
      .locator('[data-switchboard-widget] iframe')
      .waitFor({ state: 'attached', timeout: SHORT });
    // Hidden, so not in the accessibility tree: found by its text, not by role.
    await frame
      .locator('.bubble__text', { hasText: 'I am Yaw.' })
      .waitFor({ state: 'attached', timeout: SHORT });
    expect(await visitorPage.locator('[data-switchboard-widget] iframe').isHidden()).toBe(true);
    const badge = visitorPage.locator('[data-switchboard-widget] .badge');
    expect(await badge.isHidden()).toBe(true);

    await send(agentPage, 'Your transcript is ready.');
    await visible(badge);
    expect(await badge.textContent()).toBe('1');
    await until(async () =>
      expect(await visitorPage.evaluate('window.heard')).toContain('Your transcript is ready.'),
    );
    await visitorPage.getByRole('button', { name: 'Open the chat' }).click();
    await visible(widgetBubbles(frame, 'Your transcript is ready.'));
    await badge.waitFor({ state: 'hidden', timeout: SHORT });
  });

  it("downloads the transcript from the widget, without the desk's note", async () => {
    await agentPage.getByRole('button', { name: 'Note', exact: true }).click();
    const noteBox = agentPage.getByRole('combobox', { name: 'Internal note (only agents see it)' });
    await noteBox.fill(NOTE);
    await noteBox.press('Enter');
    await visible(agentPage.locator('.msg-note', { hasText: NOTE }));
    await agentPage.getByRole('button', { name: 'Reply', exact: true }).click();

    const frame = widget();
    await frame.getByRole('button', { name: 'End chat' }).click();
    await frame.getByRole('dialog').getByRole('button', { name: 'End chat' }).click();
    await visible(frame.getByText(/This chat ended/));
    const [file] = await Promise.all([
      visitorPage.waitForEvent('download'),
      frame.locator('.chat-card__ended').getByRole('link', { name: 'Download transcript' }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/\.txt$/);
    const text = await fs.readFile((await file.path())!, 'utf8');
    expect(text).toContain('How do I get my transcript?');
    expect(text).toContain('Your transcript is ready.');
    expect(text).not.toContain(NOTE);

    // The chat has ended: the next page has the launcher alone again.
    await until(async () =>
      expect(await visitorPage.evaluate("sessionStorage.getItem('switchboard.widget.chat')")).toBe(
        '0',
      ),
    );
    await visitorPage.getByRole('button', { name: 'Close the chat' }).click();
    await visitorPage.reload({ waitUntil: 'load' });
    await visible(visitorPage.getByRole('button', { name: 'Open the chat' }));
    expect(await visitorPage.locator('[data-switchboard-widget] iframe').count()).toBe(0);
  });
});
