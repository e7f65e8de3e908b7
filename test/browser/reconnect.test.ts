// The server restarts in the middle of a chat. Both browsers show that they are reconnecting,
// messages typed meanwhile wait in the outbox, and once the server is back every message is on
// both screens exactly once, and stored exactly once.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Message } from '../../src/shared/api.js';
import { describeInBrowser, launchChromium } from './support/chromium.js';
import { spawnServer, type ProcessServer } from './support/processServer.js';
import { startChat } from './support/scenes.js';
import { PASSWORD, type Person } from './support/server.js';
import {
  bubbles,
  connected,
  expectBubbleCount,
  messageLog,
  send,
  signIn,
  visible,
  type SignedInPage,
} from './support/ui.js';
import { ensureWebBuild } from './support/webBuild.js';

/** Starting the server again (tsx compiles on start) plus the clients' backoff. */
const RECONNECT_TIMEOUT = 20_000;

describeInBrowser('reconnecting after a server restart', () => {
  let server: ProcessServer;
  let browser: Browser;
  let agent: Person;
  let agentPage: SignedInPage;
  let customerPage: SignedInPage;
  let sessionId: string;

  beforeAll(async () => {
    await ensureWebBuild();
    server = await spawnServer();
    [, browser] = await Promise.all([server.start(), launchChromium()]);
    agent = await server.person('Ama Mensah', 'admin');
    await server.api(
      'PATCH',
      '/agents/me',
      { status: 'online' },
      { email: agent.email, password: PASSWORD },
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('chats normally before the restart', async () => {
    agentPage = await signIn(browser, server.url, agent);
    customerPage = await signIn(browser, server.url, await server.person('Yaw Asante'));
    await startChat(customerPage, { subject: 'Fees not showing', message: 'I paid last week.' });
    await visible(messageLog(customerPage).getByText('Ama Mensah joined the chat'));
    sessionId = decodeURIComponent(new URL(customerPage.url()).pathname.split('/').at(-1)!);
    await send(agentPage, 'Let me check your payment.');
    await visible(bubbles(customerPage, 'Let me check your payment.'));
  });

  it('shows the lost link and keeps what is typed meanwhile', async () => {
    await server.stop();
    for (const page of [agentPage, customerPage]) {
      await visible(
        page.locator('.connection[data-state="reconnecting"], .connection[data-state="offline"]'),
      );
    }
    await send(customerPage, 'Typed while the server was down');
    await send(agentPage, 'The agent typed offline too');
    await visible(
      bubbles(customerPage, 'Typed while the server was down').locator('[data-delivery="pending"]'),
    );
    await visible(
      bubbles(agentPage, 'The agent typed offline too').locator('[data-delivery="pending"]'),
    );
  });

  it('delivers everything once when the server is back, and nothing twice', async () => {
    await server.start();
    await Promise.all([agentPage, customerPage].map((page) => connected(page, RECONNECT_TIMEOUT)));

    await visible(bubbles(agentPage, 'Typed while the server was down'));
    await visible(bubbles(customerPage, 'The agent typed offline too'));
    await visible(
      bubbles(customerPage, 'Typed while the server was down').locator('[data-delivery="read"]'),
    );
    for (const page of [agentPage, customerPage]) {
      for (const text of [
        'I paid last week.',
        'Let me check your payment.',
        'Typed while the server was down',
        'The agent typed offline too',
      ]) {
        await expectBubbleCount(page, text, 1);
      }
      expect(await page.locator('[data-delivery="pending"]').count()).toBe(0);
    }

    await send(agentPage, 'Your payment is confirmed.');
    await visible(bubbles(customerPage, 'Your payment is confirmed.'));

    const { items } = await server.api<{ items: Message[] }>(
      'GET',
      `/sessions/${sessionId}/messages`,
    );
    const stored = items.map((m) => m.text);
    expect(stored.filter((t) => t === 'Typed while the server was down')).toHaveLength(1);
    expect(stored.filter((t) => t === 'The agent typed offline too')).toHaveLength(1);
  });

  it('raised no errors in either page', () => {
    expect(customerPage.errors).toEqual([]);
    expect(agentPage.errors).toEqual([]);
  });
});
