// The queue as customers and agents see it when nobody takes chats automatically: the customer
// learns their place and whether any agent is online, both agents see the chat arrive (also on
// another page, by the tab title) in the order routing will serve it, one takes it from the Waiting tab while the other, who had it
// open, watches it leave their list and is told it is no longer in the queue.
import { beforeAll, expect, it } from 'vitest';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import { startChat } from './support/scenes.js';
import type { Person } from './support/server.js';
import {
  bubbles,
  gone,
  messageLog,
  send,
  until,
  visible,
  type SignedInPage,
} from './support/ui.js';

describeInBrowser('the waiting queue', () => {
  const suite = useServerAndBrowser();
  let ama: Person;
  let kofi: Person;
  let amaPage: SignedInPage;
  let kofiPage: SignedInPage;
  let yawPage: SignedInPage;
  let abenaPage: SignedInPage;

  beforeAll(async () => {
    // New agents start offline: nothing is assigned automatically.
    ama = await suite.server.person('Ama Mensah', 'admin');
    kofi = await suite.server.person('Kofi Boateng', 'admin');
  });

  it('tells a waiting customer their place, and that no agent is online', async () => {
    [amaPage, kofiPage] = await Promise.all([suite.signIn(ama), suite.signIn(kofi)]);
    for (const page of [amaPage, kofiPage])
      await page.getByRole('tab', { name: /Waiting/ }).click();

    yawPage = await suite.signIn(await suite.server.person('Yaw Asante'));
    await startChat(yawPage, {
      subject: 'Transcript request',
      priority: 'Medium',
      message: 'How do I get my transcript?',
    });
    await visible(yawPage.getByRole('heading', { name: 'Waiting for an agent' }));
    await visible(yawPage.getByText("You're next in the queue"));
    await visible(yawPage.getByText('No agents are online right now'));
  });

  it('does not tell the customer nobody is online while an agent takes chats by hand', async () => {
    // Online with auto-assign off, in one Update: the chat must stay in the queue.
    await kofiPage.getByRole('combobox', { name: 'Status', exact: true }).selectOption('online');
    await kofiPage.getByRole('switch', { name: 'Auto-assign' }).uncheck();
    await kofiPage.getByRole('button', { name: 'Update' }).click();
    await visible(kofiPage.getByText('You are online'));

    await gone(yawPage.getByText('No agents are online right now'));
    await visible(
      yawPage.getByText('An agent is online and will pick up your chat as soon as they can.'),
    );
    expect(await yawPage.getByText(/Estimated wait/).count()).toBe(0);
  });

  it('moves the customer back in the queue, live, when an urgent chat arrives', async () => {
    // Kofi looks at another page meanwhile: the tab title still tells him.
    await kofiPage.getByRole('link', { name: 'Quick responses' }).click();
    await until(async () => expect(await kofiPage.title()).toMatch(/^\(1\) Quick responses/));

    abenaPage = await suite.signIn(await suite.server.person('Abena Ofori'));
    await startChat(abenaPage, {
      subject: 'Exam clash today',
      priority: 'Urgent',
      message: 'Two exams at the same time!',
    });
    await visible(abenaPage.getByText("You're next in the queue"));
    await visible(yawPage.getByText("You're number 2 in the queue"));

    await until(async () => expect(await kofiPage.title()).toMatch(/^\(2\) Quick responses/));
    await kofiPage.getByRole('link', { name: 'Chat management' }).click();
    await kofiPage.getByRole('tab', { name: /Waiting/ }).click();
  });

  it('shows new chats to every agent in the order they will be served, each with the place its customer sees, and a badge in the title', async () => {
    for (const page of [amaPage, kofiPage]) {
      const rows = page.getByRole('tabpanel').locator('.waiting-row');
      await until(async () => expect(await rows.count()).toBe(2));
      // The urgent chat came later but is served first, as Abena and Yaw were told.
      expect(await rows.nth(0).textContent()).toMatch(/Exam clash today.*Urgent.*Next in queue/);
      expect(await rows.nth(1).textContent()).toMatch(/Transcript request.*No\. 2 in queue/);
      await until(async () => expect(await page.title()).toMatch(/^\(2\) /));
    }
  });

  it('lets one agent take a chat while the other watches it leave their Waiting tab', async () => {
    await kofiPage
      .getByRole('tabpanel')
      .getByRole('button', { name: /^Transcript request/ })
      .click();
    const kofiChat = kofiPage.getByRole('region', { name: 'Chat with Yaw Asante' });
    await visible(bubbles(kofiPage, 'How do I get my transcript?'));
    // Arriving after the chat was loaded, it shows Kofi follows the chat live.
    await send(yawPage, 'It is for a scholarship.');
    await visible(bubbles(kofiPage, 'It is for a scholarship.'));

    await amaPage
      .getByRole('button', { name: /Assign Transcript request from Yaw Asante to me/ })
      .click();
    await visible(amaPage.getByRole('heading', { name: 'Yaw Asante' }));
    await visible(bubbles(amaPage, 'How do I get my transcript?'));
    await visible(amaPage.getByRole('tab', { name: 'Active 1', exact: true }));

    const kofiWaiting = kofiPage.getByRole('tabpanel').locator('.waiting-row');
    await gone(kofiWaiting.filter({ hasText: 'Transcript request' }));
    expect(await kofiWaiting.count()).toBe(1);
    await visible(kofiPage.getByRole('tab', { name: 'Waiting 1', exact: true }));
    await visible(kofiChat.getByText('This chat is no longer in the queue'));
    expect(await kofiChat.getByRole('button', { name: 'Assign to me' }).count()).toBe(0);
    await kofiChat.getByRole('button', { name: 'Close tab' }).click();
    await gone(kofiChat);

    await visible(messageLog(yawPage).getByText('Ama Mensah joined the chat'));
    await visible(yawPage.getByRole('heading', { name: 'Ama Mensah' }));
    await gone(yawPage.getByText(/in the queue/));
  });

  it('refuses the same chat to the second agent with a clear message', async () => {
    await amaPage.getByRole('tab', { name: /Waiting/ }).click();
    const assign = (page: SignedInPage) =>
      page.getByRole('button', { name: /Assign Exam clash today/ });
    await visible(assign(amaPage));
    await Promise.all([assign(amaPage).click(), assign(kofiPage).click()]);
    // Which refusal the loser gets depends on whether the winner had committed when the loser's
    // take read the chat: already taken (409), or no longer visible to them (404).
    const refusal = (page: SignedInPage) =>
      page.getByText(/This chat has already been taken by an agent|no longer in the queue/);
    await until(async () => {
      const refused = await Promise.all([amaPage, kofiPage].map((page) => refusal(page).count()));
      expect(refused.filter((n) => n > 0)).toHaveLength(1);
    });
    const winner = (await refusal(amaPage).count()) > 0 ? kofiPage : amaPage;
    await visible(winner.getByRole('heading', { name: 'Abena Ofori' }));
  });

  it('raised no errors in any page', () => {
    for (const page of [amaPage, kofiPage, yawPage, abenaPage]) expect(page.errors).toEqual([]);
  });
});
