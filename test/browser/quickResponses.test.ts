// Quick responses and the customer's context, as an agent works a chat: the picker groups by
// category and previews each response filled in for this chat; it goes in filled in from the
// menu, from "/" and Enter, and at once from "/shortcut" and a space, each use counted; and the
// details panel lists the customer's previous chat with a colleague, linking to its transcript.
import { beforeAll, expect, it } from 'vitest';
import { updateOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { createQuickResponse } from '../../src/services/quickResponses/quickResponses.js';
import { assignSession } from '../../src/services/sessions/chatAssigner.js';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import type { Person } from './support/server.js';
import { messageLog, until, visible, type SignedInPage } from './support/ui.js';

const FILLED = 'Hi Yaw, this is Ama. About “Fees for term 2”: the fees are on the portal.';

describeInBrowser('quick responses and previous chats', () => {
  const suite = useServerAndBrowser();
  let ama: Person;
  let page: SignedInPage;
  let previousId: string;

  beforeAll(async () => {
    const { ctx } = suite.server.node;
    ama = await suite.server.person('Ama Mensah', 'admin');
    const kofi = await suite.server.person('Kofi Boateng', 'admin');
    const yaw = await suite.server.person('Yaw Asante');
    await createQuickResponse(ctx, ama, {
      title: 'Term fees',
      content:
        'Hi {{customer.firstName}}, this is {{ agent.firstName }}. About “{{chat.subject}}”: the fees are on the portal.{{team.name}}',
      category: 'Finance',
      shortcut: 'fees',
    });
    await createQuickResponse(ctx, ama, { title: 'Greeting', content: 'Hello {{customer.name}}!' });

    const chat = async (subject: string, message: string) =>
      (await startSession(ctx, { viewer: yaw, subject, priority: 'medium', message })).row.id;
    previousId = await chat('Library card expired', 'My library card stopped working');
    await updateOwnAgentState(ctx, kofi, { status: 'online', autoAssign: false });
    await assignSession(ctx, { viewer: kofi, sessionId: previousId });
    await endSession(ctx, { viewer: yaw, sessionId: previousId, rating: 4 });

    await updateOwnAgentState(ctx, ama, { status: 'online', autoAssign: false });
    await assignSession(ctx, {
      viewer: ama,
      sessionId: await chat('Fees for term 2', 'How much?'),
    });
  });

  const composer = () => page.locator('.composer__input').filter({ visible: true });

  it('previews a response filled in for the chat and inserts it so from the menu', async () => {
    page = await suite.signIn(ama);
    await page
      .getByRole('tabpanel')
      .getByRole('button', { name: /Fees for term 2/ })
      .click();
    await visible(composer());

    await page.getByRole('button', { name: 'Quick responses' }).click();
    const list = page.getByRole('listbox', { name: 'Quick responses' });
    await visible(list.getByRole('group', { name: 'Finance' }));
    const option = list.getByRole('option', { name: /Term fees/ });
    expect(await option.textContent()).toContain(FILLED);
    expect(await option.textContent()).toContain('/fees');
    await option.hover();
    const preview = page.getByLabel('Preview');
    await visible(preview.getByText(FILLED));
    await visible(preview.getByText(/no value for \{\{team\.name\}\}/));

    await option.click();
    await until(async () => expect(await composer().inputValue()).toBe(FILLED));
  });

  it('inserts the response whose shortcut is typed, with Enter or at once with a space', async () => {
    await composer().fill('/fees');
    const first = page
      .getByRole('listbox', { name: 'Quick responses' })
      .getByRole('option')
      .first();
    await visible(first);
    expect(await first.textContent()).toContain('Term fees');
    await composer().press('Enter');
    await until(async () => expect(await composer().inputValue()).toBe(FILLED));

    await composer().fill('');
    await composer().pressSequentially('/fees ');
    await until(async () => expect(await composer().inputValue()).toBe(FILLED));
    await composer().press('Enter');
    await visible(messageLog(page).getByText(FILLED));

    // Three inserts, counted for Ama: her most used comes first.
    await until(async () => {
      const reply = await page.request.get('/api/v1/quick-responses');
      const { items } = (await reply.json()) as {
        items: Array<{ title: string; useCount: number }>;
      };
      expect(items.map((r) => [r.title, r.useCount])).toEqual([
        ['Term fees', 3],
        ['Greeting', 0],
      ]);
    });
  });

  it("lists the customer's previous chat with a colleague, linking to its transcript", async () => {
    const details = page.getByRole('complementary', { name: 'Chat details' });
    const previous = details.getByRole('region', { name: 'Previous chats' });
    const link = previous.getByRole('link', { name: 'Library card expired' });
    await visible(link);
    const item = previous.locator('.previous-chats__item');
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).toContain('Kofi Boateng');
    await visible(item.getByRole('img', { name: 'Rated 4 out of 5' }));

    await link.click();
    await until(() => expect(new URL(page.url()).pathname).toBe(`/transcripts/${previousId}`));
    await visible(messageLog(page).getByText('My library card stopped working'));
    await visible(page.getByText(/This chat ended/));
    expect(page.errors).toEqual([]);
  });
});
