// On a 375 px phone the app fits the screen (nothing scrolls sideways), the navigation folds into
// a menu, the customer's composer stays on screen, and the agent's lists and open chat take turns.
// Signing in and switching tabs work from the keyboard alone.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import { PASSWORD, type Person } from './support/server.js';
import { bubbles, connected, send, visible, type SignedInPage } from './support/ui.js';

const PHONE = { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true };

async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
}

describeInBrowser('on a phone', () => {
  const suite = useServerAndBrowser();
  let agent: Person;
  let customerPage: SignedInPage;
  let agentPage: SignedInPage;

  beforeAll(async () => {
    agent = await suite.server.person('Ama Mensah', 'admin');
  });

  it('signs in with the keyboard alone', async () => {
    agentPage = await suite.openPage(PHONE);
    await agentPage.goto('/login');
    await visible(agentPage.getByLabel('Email'));
    await agentPage.keyboard.press('Tab');
    await agentPage.keyboard.type(agent.email);
    await agentPage.keyboard.press('Tab');
    await agentPage.keyboard.type(PASSWORD);
    await agentPage.keyboard.press('Enter');
    await connected(agentPage);
    await expectNoSidewaysScroll(agentPage);
  });

  it('lets a customer start a chat and write with the composer on screen', async () => {
    customerPage = await suite.signIn(await suite.server.person('Yaw Asante'), PHONE);
    await expectNoSidewaysScroll(customerPage);
    await customerPage.getByLabel('Subject').fill('Lost student ID card');
    await customerPage.getByRole('radio', { name: 'Urgent' }).check();
    await visible(customerPage.getByText(/Only for problems that stop you right now/));
    await customerPage.getByLabel('Your message').fill('I have an exam in an hour.');
    await customerPage.getByRole('button', { name: 'Start chat' }).click();
    await visible(customerPage.getByRole('heading', { name: 'Waiting for an agent' }));
    await send(customerPage, 'My student number is 10492.');
    await visible(bubbles(customerPage, 'My student number is 10492.'));
    const composer = await customerPage.locator('.composer__input').boundingBox();
    expect(composer!.y + composer!.height).toBeLessThanOrEqual(740);
    await expectNoSidewaysScroll(customerPage);
  });

  it('folds the navigation into a menu', async () => {
    const history = customerPage.getByRole('link', { name: 'History' });
    expect(await history.isVisible()).toBe(false);
    await customerPage.getByRole('button', { name: 'Menu' }).click();
    await history.click();
    await visible(customerPage.getByRole('heading', { name: 'Your chats' }));
    await expectNoSidewaysScroll(customerPage);
  });

  it("shows the agent's lists and the open chat in turn", async () => {
    const waitingTab = agentPage.getByRole('tab', { name: /Waiting/ });
    await agentPage.getByRole('tab', { name: /Active/ }).focus();
    await agentPage.keyboard.press('ArrowRight');
    expect(await waitingTab.getAttribute('aria-selected')).toBe('true');

    await agentPage
      .getByRole('tabpanel')
      .getByRole('button', { name: /^Lost student ID card/ })
      .click();
    await visible(agentPage.getByRole('heading', { name: 'Yaw Asante' }));
    await visible(bubbles(agentPage, 'My student number is 10492.'));
    expect(await waitingTab.isVisible()).toBe(false);
    await expectNoSidewaysScroll(agentPage);

    await agentPage.getByRole('button', { name: 'All chats' }).click();
    await visible(waitingTab);
    await expectNoSidewaysScroll(agentPage);
  });

  it('raised no errors in either page', () => {
    expect(customerPage.errors).toEqual([]);
    expect(agentPage.errors).toEqual([]);
  });
});
