// Quick responses and the customer's context, as an agent works a chat: the picker groups by
// category and previews each response filled in for this chat; it goes in filled in from the
// menu, from "/" and Enter, and at once from "/shortcut" and a space, each use counted; and the
// details panel lists the customer's previous chat with a colleague, linking to its transcript.
// In a chat of a team, that team's responses come first and `{{team.name}}` is its name.
import { beforeAll, expect, it } from 'vitest';
import { updateOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { createQuickResponse } from '../../src/services/quickResponses/quickResponses.js';
import { assignSession } from '../../src/services/sessions/chatAssigner.js';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { createTeam, setTeamMember } from '../../src/services/teams/teams.js';
import { createTopic } from '../../src/services/topics/topics.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import type { Person } from './support/server.js';
import { messageLog, until, visible, type SignedInPage } from './support/ui.js';

const FILLED = 'Hi Yaw, this is Ama. About “Fees for term 2”: the fees are on the portal.';

describeInBrowser('quick responses and previous chats', () => {
  const suite = useServerAndBrowser();
  let ama: Person;
  let kofi: Person;
  let yaw: Person;
  let page: SignedInPage;
  let previousId: string;

  beforeAll(async () => {
    const { ctx } = suite.server.node;
    ama = await suite.server.person('Ama Mensah', 'admin');
    kofi = await suite.server.person('Kofi Boateng', 'admin');
    yaw = await suite.server.person('Yaw Asante');
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

  it("offers the chat's team's responses first, with {{team.name}} filled in", async () => {
    const { ctx } = suite.server.node;
    const boss = await suite.server.person('Boss', 'super_admin');
    const finance = (await createTeam(ctx, boss, { name: 'Finance Office', description: '' })).row;
    await setTeamMember(ctx, boss, { teamId: finance.id, agentId: kofi.id, isLead: true });
    await setTeamMember(ctx, boss, { teamId: finance.id, agentId: ama.id, isLead: false });
    const topic = await createTopic(ctx, boss, {
      name: 'Fees and payments',
      slug: 'fees',
      teamId: finance.id,
      isDefault: false,
      position: 0,
    });
    // Kept by the team's lead, offered to Ama as a member of the team.
    await createQuickResponse(ctx, kofi, {
      title: 'Office hours',
      content: 'The {{team.name}} is open 9 to 5, {{customer.firstName}}.',
      category: 'Desk',
      teamId: finance.id,
    });
    const { row } = await startSession(ctx, {
      viewer: yaw,
      subject: 'Refund',
      priority: 'medium',
      message: 'Where is my refund?',
      topicId: topic.row.id,
    });
    await assignSession(ctx, { viewer: ama, sessionId: row.id });

    page = await suite.signIn(ama);
    await page
      .getByRole('tabpanel')
      .getByRole('button', { name: /Refund/ })
      .click();
    await visible(composer());
    await page.getByRole('button', { name: 'Quick responses' }).click();
    const list = page.getByRole('listbox', { name: 'Quick responses' });
    const first = list.getByRole('option').first();
    // First though Ama has used "Term fees" three times: it is this chat's team's.
    await until(async () => expect(await first.textContent()).toContain('Office hours'));
    const filled = 'The Finance Office is open 9 to 5, Yaw.';
    expect(await first.textContent()).toContain(filled);
    await first.click();
    await until(async () => expect(await composer().inputValue()).toBe(filled));
    expect(page.errors).toEqual([]);
  });

  it("lets the team's lead add one for the team on the Quick responses page", async () => {
    const lead = await suite.signIn(kofi);
    await lead.goto('/quick-responses');
    await lead.getByRole('button', { name: 'New response' }).click();
    await lead.getByLabel('Title').fill('Refund times');
    await lead.getByLabel('Text').fill('Refunds take five days at the {{team.name}}.');
    const scope = lead.getByLabel('Offered to');
    // A lead who is no super admin: their own, or their team's; not shared with everyone.
    expect(await scope.locator('option').allTextContents()).toEqual([
      'Personal (you)',
      'Team Finance Office',
    ]);
    await scope.selectOption({ label: 'Team Finance Office' });
    await lead.getByRole('button', { name: 'Save' }).click();
    const team = lead.getByRole('region', { name: 'Team Finance Office' });
    await visible(team.getByText('Refund times'));
    expect(await team.getByRole('button', { name: 'Edit' }).count()).toBe(2);

    // A member sees it there too, without the means to change it.
    await page.goto('/quick-responses');
    const seen = page.getByRole('region', { name: 'Team Finance Office' });
    await visible(seen.getByText('Refund times'));
    expect(await seen.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(lead.errors).toEqual([]);
  });
});
