// An agent notices every customer message in their chats: while they look at another page, or
// their tab is in the background, the tab title counts unread messages, the chat's unread count
// shows in the Active list and on its tab, a notification is raised and the chime plays (unless
// muted, which follows the agent to another browser). The chat on screen stays quiet. A customer
// whose tab is hidden sees the agent's reply counted in the title. A super admin's own chat on
// their /admin/chats/:id page stays quiet too.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { updateOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { sendMessage } from '../../src/services/messages/messageSender.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import { goOnline, startChatWith } from './support/scenes.js';
import type { Person } from './support/server.js';
import { bubbles, connected, send, until, visible, type SignedInPage } from './support/ui.js';

/** The first note of the message chime (src/web/notify/chime.ts). */
const MESSAGE_NOTE = 987.77;

/**
 * Installed before the app's scripts: notifications granted and recorded, a Web Audio stand-in
 * that records the notes played, and a tab whose visibility the test decides.
 */
function stubs() {
  // Runs in the page (its source is sent there); the test's own types know no DOM.
  const w = globalThis as unknown as Record<string, unknown>;
  const page = w.document as object;
  const notifications: Array<{ title: string; body: string; tag: string }> = [];
  const notes: number[] = [];
  w.__notifications = notifications;
  w.__notes = notes;
  w.__hidden = false;
  class RecordedNotification {
    static permission = 'granted';
    static requestPermission = () => Promise.resolve('granted');
    onclick: (() => void) | null = null;
    constructor(title: string, options: { body: string; tag: string }) {
      notifications.push({ title, body: options.body, tag: options.tag });
    }
    close() {}
  }
  class RecordedAudio {
    state = 'running';
    currentTime = 0;
    destination = {};
    resume() {
      return Promise.resolve();
    }
    createOscillator() {
      const oscillator = {
        type: 'sine',
        frequency: { value: 0 },
        connect: (next: unknown) => next,
        start: () => notes.push(oscillator.frequency.value),
        stop: () => {},
      };
      return oscillator;
    }
    createGain() {
      const ramp = () => {};
      return {
        gain: { setValueAtTime: ramp, exponentialRampToValueAtTime: ramp },
        connect: (next: unknown) => next,
      };
    }
  }
  w.Notification = RecordedNotification;
  w.AudioContext = RecordedAudio;
  Object.defineProperty(page, 'visibilityState', {
    configurable: true,
    get: () => (w.__hidden ? 'hidden' : 'visible'),
  });
  Object.defineProperty(page, 'hidden', { configurable: true, get: () => w.__hidden });
}

async function withStubs(page: SignedInPage): Promise<SignedInPage> {
  await page.context().addInitScript(stubs);
  await page.reload();
  await connected(page);
  return page;
}

// Expressions evaluated in the page, where the DOM is (the test's own types know none).
async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate(
    `window.__hidden = ${hidden}; document.dispatchEvent(new Event('visibilitychange'))`,
  );
}

const notifications = (page: Page) =>
  page.evaluate<Array<{ title: string; body: string }>>('window.__notifications');
const messageChimes = async (page: Page) =>
  (await page.evaluate<number[]>('window.__notes')).filter((note) => note === MESSAGE_NOTE).length;

describeInBrowser('alerts for customer messages', () => {
  const suite = useServerAndBrowser();
  let ama: Person;
  let amaPage: SignedInPage;
  let yawPage: SignedInPage;

  beforeAll(async () => {
    ama = await suite.server.person('Ama Mensah', 'admin');
  });

  it('keeps quiet for a message in the chat the agent has on screen', async () => {
    amaPage = await withStubs(await suite.signIn(ama));
    await goOnline(amaPage);

    yawPage = await withStubs(await suite.signIn(await suite.server.person('Yaw Asante')));
    await startChatWith(amaPage, 'Ama Mensah', yawPage, {
      subject: 'Lost student card',
      message: 'I lost my card.',
    });

    await send(yawPage, 'Can you block it?');
    await visible(bubbles(amaPage, 'Can you block it?'));
    await visible(bubbles(yawPage, 'Can you block it?').locator('[data-delivery="read"]'));
    expect(await notifications(amaPage)).toEqual([]);
    expect(await messageChimes(amaPage)).toBe(0);
    expect(await amaPage.title()).toBe('Chat management – Switchboard');
  });

  it('counts, notifies and chimes for each message while the agent is on another page', async () => {
    await amaPage.getByRole('link', { name: 'Quick responses' }).click();
    await until(async () => expect(await amaPage.title()).toBe('Quick responses – Switchboard'));

    await send(yawPage, 'Hello?');
    await until(async () =>
      expect(await amaPage.title()).toBe('(1) Quick responses – Switchboard'),
    );
    await send(yawPage, 'Anyone there?');
    await until(async () =>
      expect(await amaPage.title()).toBe('(2) Quick responses – Switchboard'),
    );
    await until(async () => expect(await messageChimes(amaPage)).toBe(2));
    expect(await notifications(amaPage)).toEqual([
      { title: 'Yaw Asante: Lost student card', body: 'Hello?', tag: expect.any(String) },
      { title: 'Yaw Asante: Lost student card', body: 'Anyone there?', tag: expect.any(String) },
    ]);
  });

  it('clears the count once the chat is on screen again', async () => {
    await amaPage.getByRole('link', { name: 'Chat management' }).click();
    await until(async () => expect(await amaPage.title()).toBe('Chat management – Switchboard'));
  });

  it('shows the chat’s unread count in the Active list and on its tab while the tab is hidden', async () => {
    await setHidden(amaPage, true);
    await send(yawPage, 'My card number is 1234');
    await until(async () =>
      expect(await amaPage.title()).toBe('(1) Chat management – Switchboard'),
    );
    await visible(amaPage.getByLabel('1 unread'));
    await visible(amaPage.getByRole('tab', { name: /Yaw Asante.*unread: 1/ }));
    await until(async () => expect(await notifications(amaPage)).toHaveLength(3));
    expect(await messageChimes(amaPage)).toBe(3);

    await setHidden(amaPage, false);
    await until(async () => expect(await amaPage.title()).toBe('Chat management – Switchboard'));
    expect(await amaPage.getByLabel('1 unread').count()).toBe(0);
  });

  it('stays silent once muted, in this browser and the agent’s next one', async () => {
    const saved = amaPage.waitForResponse(
      (r) => r.url().endsWith('/api/v1/preferences') && r.request().method() === 'PUT',
    );
    await amaPage.getByRole('button', { name: 'Notification sounds on (mute)' }).click();
    expect((await saved).status()).toBe(200);
    await visible(amaPage.getByRole('button', { name: 'Notification sounds muted (unmute)' }));

    await setHidden(amaPage, true);
    await send(yawPage, 'Thanks');
    await until(async () => expect(await notifications(amaPage)).toHaveLength(4));
    expect(await messageChimes(amaPage)).toBe(3);
    await setHidden(amaPage, false);

    const laptop = await suite.signIn(ama);
    await visible(laptop.getByRole('button', { name: 'Notification sounds muted (unmute)' }));
    await laptop.context().close();
  });

  it('counts the agent’s reply in a hidden customer tab, and clears it when the customer looks', async () => {
    await setHidden(yawPage, true);
    await send(amaPage, 'Your card is blocked.');
    await visible(bubbles(yawPage, 'Your card is blocked.'));
    await until(async () => expect(await yawPage.title()).toBe('(1) Live chat – Switchboard'));
    await setHidden(yawPage, false);
    await until(async () => expect(await yawPage.title()).toBe('Live chat – Switchboard'));
    expect(amaPage.errors).toEqual([]);
    expect(yawPage.errors).toEqual([]);
  });
});

describeInBrowser('alerts on a super admin’s chat page', () => {
  const suite = useServerAndBrowser();

  it('keeps quiet for a message in the super admin’s own chat while it is on /admin/chats/:id', async () => {
    const ada = await suite.server.person('Ada Boateng', 'super_admin');
    const adaPage = await withStubs(await suite.signIn(ada));
    await updateOwnAgentState(suite.server.node.ctx, ada, { status: 'online' });
    const yaw = await suite.server.person('Yaw Asante');
    const { row } = await startSession(suite.server.node.ctx, {
      viewer: yaw,
      subject: 'Exam results',
      priority: 'medium',
      message: 'Where are my results?',
    });
    await suite.server.node.routing.idle();
    const customerSays = (text: string) =>
      sendMessage(suite.server.node.ctx, { viewer: yaw, sessionId: row.id, text });

    await adaPage.goto(`/admin/chats/${row.id}`);
    await visible(bubbles(adaPage, 'Where are my results?'));
    await customerSays('Are they out yet?');
    await visible(bubbles(adaPage, 'Are they out yet?'));

    // Elsewhere, the same chat rings: the alerts work, and the first message did not ring.
    await adaPage.getByRole('link', { name: 'Quick responses' }).click();
    await until(async () => expect(await adaPage.title()).toBe('Quick responses – Switchboard'));
    await customerSays('Hello?');
    await until(async () => expect(await messageChimes(adaPage)).toBe(1));
    expect((await notifications(adaPage)).map((n) => n.body)).toEqual(['Hello?']);
    expect(adaPage.errors).toEqual([]);
  });
});
