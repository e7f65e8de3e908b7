// A customer and an agent in two browsers go through a whole chat: the agent goes online, the
// customer starts a chat that is assigned automatically, they write both ways with typing
// indicators and read ticks (Shift+Enter for a new line), the agent uses quick responses, a
// hostile message stays text, and the customer ends, rates and finds the chat in their history.
// Then, with the agent full, a second customer is told the estimated wait, and the agent ends a
// chat with X, which asks its customer for a rating and frees the slot for the waiting one, and
// closes the open-chat tabs (closing a tab leaves its chat going).
import { beforeAll, expect, it } from 'vitest';
import { createQuickResponse } from '../../src/services/quickResponses/quickResponses.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import { goOnline, startChat } from './support/scenes.js';
import type { Person } from './support/server.js';
import {
  bubbles,
  expectBubbleCount,
  gone,
  messageLog,
  send,
  sessionCounts,
  until,
  visible,
  type SignedInPage,
} from './support/ui.js';

describeInBrowser('live chat between a customer and an agent', () => {
  const suite = useServerAndBrowser();
  let agent: Person;
  let customer: Person;
  let agentPage: SignedInPage;
  let customerPage: SignedInPage;
  let secondCustomerPage: SignedInPage;

  beforeAll(async () => {
    agent = await suite.server.person('Ama Mensah', 'admin');
    customer = await suite.server.person('Yaw Asante');
    await createQuickResponse(suite.server.node.ctx, agent, {
      title: 'Library hours',
      content: 'The library is open 8:00-22:00 on weekdays.',
      shared: false,
    });
    await createQuickResponse(suite.server.node.ctx, agent, {
      title: 'Greeting',
      content: 'Hello! How can I help you today?',
      shared: false,
    });
  });

  it('assigns a new chat to the agent who just went online', async () => {
    agentPage = await suite.signIn(agent);
    await visible(agentPage.getByText('No chat open'));
    await goOnline(agentPage);

    customerPage = await suite.signIn(customer);
    await startChat(customerPage, {
      subject: 'Cannot register for CS201',
      priority: 'High',
      message: 'I get an error when I add CS201.',
    });

    await visible(messageLog(customerPage).getByText('Ama Mensah joined the chat'));
    await visible(customerPage.getByRole('heading', { name: 'Ama Mensah' }));
    await visible(agentPage.getByRole('heading', { name: 'Yaw Asante' }));
    await visible(bubbles(agentPage, 'I get an error when I add CS201.'));
    await visible(agentPage.getByRole('tab', { name: 'Active 1', exact: true }));
  });

  it("ticks the customer's message read once the agent has it on screen", async () => {
    const first = bubbles(customerPage, 'I get an error when I add CS201.');
    await visible(first.locator('[data-delivery="read"]'));
  });

  it('shows each side the other typing, and carries messages both ways', async () => {
    await customerPage.locator('.composer__input').pressSequentially('Are you th', { delay: 10 });
    await visible(agentPage.getByText('Yaw Asante is typing…'));
    await send(customerPage, 'Are you there?');
    await visible(bubbles(agentPage, 'Are you there?'));

    await agentPage.locator('.composer__input').pressSequentially('Yes', { delay: 10 });
    await visible(customerPage.getByText('Ama Mensah is typing…'));
    await send(agentPage, 'Yes, I am looking into it.');
    await visible(bubbles(customerPage, 'Yes, I am looking into it.'));
    await expectBubbleCount(customerPage, 'Yes, I am looking into it.', 1);
    await visible(
      bubbles(agentPage, 'Yes, I am looking into it.').locator('[data-delivery="read"]'),
    );
  });

  it('inserts quick responses from "/" search and from the lightning-bolt menu', async () => {
    const composer = agentPage.locator('.composer__input');
    await composer.fill('/libr');
    await visible(agentPage.getByRole('option', { name: /Library hours/ }));
    await composer.press('Enter');
    await until(async () =>
      expect(await composer.inputValue()).toBe('The library is open 8:00-22:00 on weekdays.'),
    );
    await composer.press('Enter');
    await visible(bubbles(customerPage, 'The library is open 8:00-22:00 on weekdays.'));

    // The lightning bolt toggles its menu.
    const bolt = agentPage.getByRole('button', { name: 'Quick responses' });
    const search = agentPage.getByRole('combobox', { name: 'Search quick responses' });
    await bolt.click();
    await visible(search);
    await bolt.click();
    await gone(search);
    expect(await bolt.getAttribute('aria-expanded')).toBe('false');
    await bolt.click();
    await search.fill('greet');
    await agentPage.getByRole('option', { name: /Greeting/ }).click();
    await composer.press('Enter');
    await visible(bubbles(customerPage, 'Hello! How can I help you today?'));
  });

  it('starts a new line on Shift+Enter and sends both lines as one message on Enter', async () => {
    const composer = agentPage.locator('.composer__input');
    await composer.fill('First line');
    await composer.press('Shift+Enter');
    await composer.pressSequentially('Second line');
    expect(await composer.inputValue()).toBe('First line\nSecond line');
    await composer.press('Enter');
    const bubble = bubbles(customerPage, 'Second line');
    await visible(bubble);
    expect(await bubble.locator('.bubble__text').textContent()).toBe('First line\nSecond line');
    expect(await bubbles(customerPage, 'First line').count()).toBe(1);
  });

  it('shows a message that looks like HTML as plain text, and runs nothing', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    await send(customerPage, hostile);
    for (const page of [customerPage, agentPage]) {
      await visible(bubbles(page, hostile));
      expect(await bubbles(page, hostile).locator('.bubble__text').textContent()).toBe(hostile);
      expect(await messageLog(page).locator('img').count()).toBe(0);
    }
  });

  it('ends the chat, takes a rating, and keeps it in both histories', async () => {
    await customerPage.getByRole('button', { name: 'End chat' }).click();
    await customerPage.getByRole('dialog').getByRole('button', { name: 'End chat' }).click();
    await visible(messageLog(agentPage).getByText('Yaw Asante ended the chat'));
    await visible(agentPage.getByText(/This chat ended/));

    await customerPage.getByRole('radio', { name: /4 of 5/ }).check();
    await customerPage.getByLabel(/Anything you would like to add/).fill('Quick and friendly');
    await customerPage.getByRole('button', { name: 'Send rating' }).click();
    await visible(customerPage.getByText('Thank you for your feedback'));

    await customerPage.getByRole('link', { name: 'History' }).click();
    const entry = customerPage.getByRole('link', { name: /Cannot register for CS201/ });
    await visible(entry.getByRole('img', { name: 'Rated 4 out of 5' }));
    await entry.click();
    await visible(bubbles(customerPage, 'Are you there?'));
    expect(await customerPage.locator('.composer__input').count()).toBe(0);

    await agentPage.getByRole('tab', { name: /History/ }).click();
    await visible(agentPage.getByRole('tabpanel').getByRole('img', { name: 'Rated 4 out of 5' }));
    const counts = await sessionCounts(agentPage);
    expect(counts).toEqual({ active: 0, waiting: 0, history: 1 });
    await visible(agentPage.getByRole('tab', { name: 'History 1', exact: true }));
    await visible(agentPage.getByRole('tab', { name: 'Active 0', exact: true }));
  });

  it('tells a waiting customer the estimated wait while the agent has no free slot', async () => {
    await agentPage.getByRole('combobox', { name: 'Max chats' }).selectOption('1');
    await agentPage.getByRole('button', { name: 'Update' }).click();
    await customerPage.getByRole('link', { name: 'Live chat' }).click();
    await startChat(customerPage, {
      subject: 'Library card',
      message: 'My card does not open the gate.',
    });
    await visible(messageLog(customerPage).getByText('Ama Mensah joined the chat'));

    secondCustomerPage = await suite.signIn(await suite.server.person('Esi Owusu'));
    await startChat(secondCustomerPage, {
      subject: 'Printing',
      message: 'The printer ate my credits.',
    });
    await visible(secondCustomerPage.getByText("You're next in the queue"));
    // One chat handled so far (a few seconds) and Ama's one slot taken.
    await visible(secondCustomerPage.getByText('Estimated wait: less than a minute.'));
  });

  it('ends a chat with X after confirming, asks its customer for a rating, and frees the slot', async () => {
    await agentPage.getByRole('tab', { name: /Active/ }).click();
    await agentPage
      .getByRole('tabpanel')
      .getByRole('button', { name: /Library card/ })
      .click();
    const chat = agentPage.getByRole('region', { name: 'Chat with Yaw Asante' }).filter({
      visible: true,
    });
    await visible(bubbles(agentPage, 'My card does not open the gate.'));
    await chat.getByRole('button', { name: 'End chat' }).click();
    const confirm = agentPage.getByRole('dialog', { name: 'End this chat?' });
    await confirm.getByRole('button', { name: 'End chat' }).click();

    await visible(customerPage.getByText('How was your chat with Ama Mensah?'));
    await visible(customerPage.getByRole('radio', { name: /4 of 5/ }));
    await visible(messageLog(secondCustomerPage).getByText('Ama Mensah joined the chat'));
  });

  it('keeps only tabs in the open chats tablist, closing one with Close tab, its x or Delete', async () => {
    const tablist = agentPage.getByRole('tablist', { name: 'Open chats' });
    const tabs = tablist.getByRole('tab');
    await until(async () => expect(await tabs.count()).toBe(3));
    expect(await tablist.locator(':scope > :not([role="tab"])').count()).toBe(0);

    // Closing the tab of a chat going on leaves the chat going.
    await tablist.getByRole('tab', { name: /Esi Owusu/ }).click();
    const chat = agentPage.getByRole('region', { name: 'Chat with Esi Owusu' });
    await chat.getByRole('button', { name: 'Close tab' }).click();
    await until(async () => expect(await tabs.count()).toBe(2));
    await gone(chat);
    await visible(agentPage.getByRole('tab', { name: 'Active 1', exact: true }));
    await visible(secondCustomerPage.locator('.composer__input'));

    await tabs.first().locator('.workspace-tab__close').click();
    await until(async () => expect(await tabs.count()).toBe(1));
    await tabs.first().focus();
    await agentPage.keyboard.press('Delete');
    await until(async () => expect(await tabs.count()).toBe(0));
  });

  it('raised no errors in any page', () => {
    expect(customerPage.errors).toEqual([]);
    expect(agentPage.errors).toEqual([]);
    expect(secondCustomerPage.errors).toEqual([]);
  });
});
