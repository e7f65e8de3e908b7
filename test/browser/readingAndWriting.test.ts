// Reading and writing messages: an agent takes two chats from one customer and lands in each
// chat's composer; the tabs name the subjects; a message with a link, bold, a list, a code block
// and hostile HTML renders as elements that run nothing; drafts survive switching chats and a
// reload and are cleared on send; closing a tab and ending a chat leave the focus somewhere
// useful; toasts stay clear of the composer and its Send button on a desk and on a phone.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import type { Person } from './support/server.js';
import { bubbles, connected, messageLog, until, visible, type SignedInPage } from './support/ui.js';

const PHONE = { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true };

/** What has the keyboard focus, as `role:name` (or tag:text), or 'body'. */
const focused = (page: Page) =>
  page.evaluate<string>(`(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'body';
    const role = element.getAttribute('role') ?? element.tagName.toLowerCase();
    return role + ':' + (element.getAttribute('aria-label') ?? element.textContent.trim());
  })()`);

/** Where the toasts, the composer and Send are on screen. */
interface Box {
  toast: boolean;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const SHOW_FOUR_TOASTS = `(() => {
  const toaster = document.querySelector('.toaster');
  for (let i = 0; i < 4; i++) {
    const toast = document.createElement('div');
    toast.className = 'toast toast--success test-toast';
    toast.textContent = 'Chat transferred to Kofi Boateng, who will continue it from here';
    toaster.append(toast);
  }
})()`;

const BOXES = `[...document.querySelectorAll('.toast, .composer__input, .composer__send')]
  .filter((element) => element.offsetParent !== null)
  .map((element) => {
    const { left, right, top, bottom } = element.getBoundingClientRect();
    return { toast: element.matches('.toast'), left, right, top, bottom };
  })`;

const composer = (page: Page) => page.locator('.composer__input').filter({ visible: true });

describeInBrowser('reading and writing messages', () => {
  const suite = useServerAndBrowser();
  let agent: Person;
  let customer: Person;
  let agentPage: SignedInPage;
  const ids: string[] = [];

  beforeAll(async () => {
    agent = await suite.server.person('Ama Mensah', 'admin');
    customer = await suite.server.person('Yaw Asante');
    for (const subject of ['Cannot register for CS201', 'Library card expired']) {
      const { row } = await startSession(suite.server.node.ctx, {
        viewer: customer,
        subject,
        priority: 'medium',
        message: `About ${subject}`,
      });
      ids.push(row.id);
    }
  });

  it('lands in the composer of a chat taken from the list or from the chat', async () => {
    agentPage = await suite.signIn(agent);
    await agentPage.getByRole('combobox', { name: 'Status', exact: true }).selectOption('online');
    await agentPage.getByRole('switch', { name: 'Auto-assign' }).uncheck();
    await agentPage.getByRole('button', { name: 'Update' }).click();
    await visible(agentPage.getByText('You are online'));

    await agentPage.getByRole('tab', { name: /Waiting/ }).click();
    await agentPage
      .getByRole('button', { name: 'Assign Cannot register for CS201 from Yaw Asante to me' })
      .click();
    await visible(composer(agentPage));
    await until(async () =>
      expect(await focused(agentPage)).toBe('combobox:Message to Yaw Asante'),
    );

    await agentPage.getByRole('tab', { name: /Waiting/ }).click();
    await agentPage
      .getByRole('tabpanel')
      .getByRole('button', { name: /^Library card expired/ })
      .click();
    await agentPage.getByRole('button', { name: 'Assign to me' }).click();
    await until(async () =>
      expect(await focused(agentPage)).toBe('combobox:Message to Yaw Asante'),
    );
  });

  it('names the subject in each tab when two open chats are with the same customer', async () => {
    const tabs = agentPage.getByRole('tablist', { name: 'Open chats' }).getByRole('tab');
    await until(async () =>
      expect(await tabs.allTextContents()).toEqual([
        expect.stringContaining('Cannot register for CS201'),
        expect.stringContaining('Library card expired'),
      ]),
    );
  });

  it('renders links, bold, lists and code as elements, and hostile markup as text', async () => {
    const message = [
      'See **https://example.com/help** or write to help@example.com.',
      '',
      '- first *step*',
      '- second `step`',
      '',
      '```',
      '<script>window.pwned = 1</script> **not bold**',
      '```',
      '<img src=x onerror="window.pwned = 2"> javascript:window.pwned=3',
    ].join('\n');
    await composer(agentPage).fill(message);
    await composer(agentPage).press('Enter');
    const bubble = bubbles(agentPage, 'first step');
    await visible(bubble);

    const link = bubble.getByRole('link', { name: 'https://example.com/help' });
    expect(await link.getAttribute('href')).toBe('https://example.com/help');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer nofollow ugc');
    expect(await bubble.locator('strong a').count()).toBe(1);
    expect(await bubble.getByRole('link', { name: 'help@example.com' }).getAttribute('href')).toBe(
      'mailto:help@example.com',
    );
    expect(await bubble.locator('ul > li').allTextContents()).toEqual([
      'first step',
      'second step',
    ]);
    expect(await bubble.locator('li em').textContent()).toBe('step');
    expect(await bubble.locator('li code').textContent()).toBe('step');
    expect(await bubble.locator('pre code').textContent()).toBe(
      '<script>window.pwned = 1</script> **not bold**',
    );
    expect(await bubble.getByRole('link').count()).toBe(2);
    expect(await messageLog(agentPage).locator('img, script, pre strong').count()).toBe(0);
    expect(await agentPage.evaluate('window.pwned')).toBeUndefined();
  });

  it('keeps a draft per chat when switching chats and across a reload, and clears it on send', async () => {
    const [first, second] = ['Cannot register for CS201', 'Library card expired'].map((subject) =>
      agentPage.getByRole('tab', { name: new RegExp(subject) }),
    );
    await composer(agentPage).fill('Half a thought about the card');
    await first!.click();
    expect(await composer(agentPage).inputValue()).toBe('');
    await composer(agentPage).fill('Line one\nabout CS201');
    await second!.click();
    expect(await composer(agentPage).inputValue()).toBe('Half a thought about the card');

    await agentPage.reload();
    await connected(agentPage);
    await visible(composer(agentPage));
    expect(await composer(agentPage).inputValue()).toBe('Half a thought about the card');
    await first!.click();
    expect(await composer(agentPage).inputValue()).toBe('Line one\nabout CS201');

    await composer(agentPage).press('Enter');
    await visible(bubbles(agentPage, 'about CS201'));
    expect(await composer(agentPage).inputValue()).toBe('');
    await agentPage.reload();
    await connected(agentPage);
    await visible(composer(agentPage));
    expect(await composer(agentPage).inputValue()).toBe('');
  });

  it('keeps toasts clear of the composer and its Send button, on a desk and on a phone', async () => {
    const customerPage = await suite.signIn(customer, PHONE);
    await customerPage.goto(`/chat/${ids[0]}`);
    await visible(composer(customerPage));
    for (const page of [agentPage, customerPage]) {
      // As many toasts as are ever shown at once, with long words.
      await page.evaluate(SHOW_FOUR_TOASTS);
      const boxes = await page.evaluate<Box[]>(BOXES);
      const toasts = boxes.filter((box) => box.toast);
      const targets = boxes.filter((box) => !box.toast);
      expect(toasts).toHaveLength(4);
      expect(targets).toHaveLength(2);
      for (const toast of toasts) {
        for (const target of targets) {
          const overlap =
            toast.left < target.right &&
            target.left < toast.right &&
            toast.top < target.bottom &&
            target.top < toast.bottom;
          expect(overlap, JSON.stringify({ toast, target })).toBe(false);
        }
      }
      await page.evaluate(`document.querySelectorAll('.test-toast').forEach((t) => t.remove())`);
    }
    await customerPage.context().close();
  });

  it('moves the focus to Close tab after ending a chat, then to the next tab, then the lists', async () => {
    await agentPage.getByRole('button', { name: 'End chat' }).click();
    await agentPage.getByRole('dialog').getByRole('button', { name: 'End chat' }).click();
    await visible(agentPage.getByText(/This chat ended/));
    await until(async () => expect(await focused(agentPage)).toBe('button:Close tab'));

    await agentPage.keyboard.press('Enter');
    await until(async () => expect(await focused(agentPage)).toMatch(/^tab:Yaw Asante$/));
    await agentPage.keyboard.press('Delete');
    await until(async () => expect(await focused(agentPage)).toMatch(/^tab:Active/));
  });

  it('raised no errors', () => {
    expect(agentPage.errors).toEqual([]);
  });
});
