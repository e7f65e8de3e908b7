// A team lead's side of the console: My teams shows the open chats of the team they lead (not
// another team's) and its agents' load; the lead assigns a waiting chat to an agent of the team,
// monitors it live (a customer's message arrives), cannot write to the customer but can add a
// note, and transfers it to another agent of the team.
import { beforeAll, expect, it } from 'vitest';
import { updateOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { sendMessage } from '../../src/services/messages/messageSender.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { createTeam, setTeamMember } from '../../src/services/teams/teams.js';
import { createTopic } from '../../src/services/topics/topics.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import type { Person } from './support/server.js';
import { bubbles, messageLog, visible, type SignedInPage } from './support/ui.js';

const NOTE = 'Deposit refunds take five working days';

describeInBrowser('team leads', () => {
  const suite = useServerAndBrowser();
  let kofi: Person;
  let esi: Person;
  let kwame: Person;
  let yaw: Person;
  let financeChat: string;
  let kofiPage: SignedInPage;

  beforeAll(async () => {
    const { ctx } = suite.server.node;
    const admin = await suite.server.person('Ada Admin', 'super_admin');
    kofi = await suite.server.person('Kofi Boateng', 'admin');
    esi = await suite.server.person('Esi Owusu', 'admin');
    kwame = await suite.server.person('Kwame Asare', 'admin');
    const abena = await suite.server.person('Abena Ofori', 'admin');
    yaw = await suite.server.person('Yaw Asante');
    const ama = await suite.server.person('Ama Mensah');

    const finance = await createTeam(ctx, admin, { name: 'Finance', description: '' });
    const it = await createTeam(ctx, admin, { name: 'IT Support', description: '' });
    for (const [team, agent, isLead] of [
      [finance, kofi, true],
      [finance, esi, false],
      [finance, kwame, false],
      [it, abena, true],
    ] as const) {
      await setTeamMember(ctx, admin, { teamId: team.row.id, agentId: agent.id, isLead });
    }
    const fees = await createTopic(ctx, admin, {
      name: 'Fees and payments',
      slug: 'fees',
      teamId: finance.row.id,
      isDefault: true,
      position: 0,
    });
    const wifi = await createTopic(ctx, admin, {
      name: 'Wi-Fi and accounts',
      slug: 'wifi',
      teamId: it.row.id,
      isDefault: false,
      position: 1,
    });

    // Esi and Kwame are on duty and connected, taking no chats from the queue by themselves, so
    // both chats wait; Abena (another team) is too, and must not be offered.
    for (const agent of [esi, kwame, abena]) {
      await suite.signIn(agent);
      await updateOwnAgentState(ctx, agent, { status: 'online', autoAssign: false });
    }
    const started = await startSession(ctx, {
      viewer: yaw,
      subject: 'Library deposit refund',
      priority: 'medium',
      message: 'When will my deposit be refunded?',
      topicId: fees.row.id,
    });
    financeChat = started.row.id;
    await startSession(ctx, {
      viewer: ama,
      subject: 'Eduroam password',
      priority: 'medium',
      message: 'I cannot connect to the Wi-Fi',
      topicId: wifi.row.id,
    });
  });

  it("shows the lead their team's waiting chat and agents, not another team's chat", async () => {
    kofiPage = await suite.signIn(kofi);
    await kofiPage.getByRole('button', { name: 'My teams' }).click();
    const team = kofiPage.getByRole('region', { name: 'Finance' });
    const chats = team.getByRole('list', { name: 'Finance: open chats' });
    await visible(chats.getByRole('button', { name: /Yaw Asante.*Library deposit refund/ }));
    await visible(chats.getByText(/^Waiting \d+ s$/));
    expect(await kofiPage.getByText('Eduroam password').count()).toBe(0);
    expect(await kofiPage.getByText('Ama Mensah').count()).toBe(0);

    const agents = team.getByRole('list', { name: 'Finance: agents' });
    const esiRow = agents.getByRole('listitem').filter({ hasText: 'Esi Owusu' });
    await visible(esiRow.getByText('Online'));
    await visible(esiRow.getByText('Connected', { exact: true }));
    await visible(esiRow.getByText('0 of 5 chats'));
    await visible(agents.getByText('Kofi Boateng (lead)'));
    expect(await agents.getByText('Abena Ofori').count()).toBe(0);
  });

  it('assigns the waiting chat to an agent of the team, and the board follows', async () => {
    const team = kofiPage.getByRole('region', { name: 'Finance' });
    await team
      .getByRole('button', { name: 'Assign Library deposit refund from Yaw Asante to an agent' })
      .click();
    const dialog = kofiPage.getByRole('dialog', { name: 'Assign chat' });
    await visible(dialog.getByRole('radio', { name: /Kwame Asare/ }));
    expect(await dialog.getByRole('radio', { name: /Abena Ofori/ }).count()).toBe(0);
    await dialog.getByRole('radio', { name: /Esi Owusu/ }).check();
    await dialog.getByRole('button', { name: 'Assign' }).click();
    await visible(kofiPage.getByText('Chat assigned to Esi Owusu'));

    const chat = team.getByRole('list', { name: 'Finance: open chats' }).getByRole('listitem');
    await visible(chat.getByText('Esi Owusu'));
    await visible(chat.getByText(/^Customer waiting \d+ s$/));
    const esiRow = team.getByRole('listitem').filter({ hasText: 'Esi Owusu' }).last();
    await visible(esiRow.getByText('1 of 5 chats'));
  });

  it('monitors the chat live, without writing to the customer, and adds a note', async () => {
    await kofiPage
      .getByRole('region', { name: 'Finance' })
      .getByRole('button', { name: /Yaw Asante.*Library deposit refund/ })
      .click();
    await visible(bubbles(kofiPage, 'When will my deposit be refunded?'));
    await visible(
      kofiPage.getByText(
        'Esi Owusu is handling this chat. You can read along, add a note or transfer it.',
      ),
    );
    await sendMessage(suite.server.node.ctx, {
      viewer: yaw,
      sessionId: financeChat,
      text: 'I paid it in September',
    });
    await visible(bubbles(kofiPage, 'I paid it in September'));
    expect(await kofiPage.getByLabel('Message to Yaw Asante').count()).toBe(0);

    const note = kofiPage.getByLabel('Internal note (only agents see it)');
    await note.pressSequentially(NOTE, { delay: 5 });
    await note.press('Enter');
    await visible(messageLog(kofiPage).locator('.msg-note', { hasText: NOTE }));
  });

  it('transfers the chat to another agent of the team', async () => {
    await kofiPage.getByRole('button', { name: 'Transfer chat' }).click();
    const dialog = kofiPage.getByRole('dialog', { name: 'Transfer chat' });
    expect(await dialog.getByRole('radio', { name: /Abena Ofori/ }).count()).toBe(0);
    await dialog.getByRole('radio', { name: /Kwame Asare/ }).check();
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await visible(kofiPage.getByText('Chat transferred to Kwame Asare'));
    await visible(kofiPage.getByText(/Kwame Asare is handling this chat/));
    const chat = kofiPage
      .getByRole('list', { name: 'Finance: open chats' })
      .getByRole('listitem')
      .filter({ hasText: 'Yaw Asante' });
    await visible(chat.getByText('Kwame Asare'));
    expect(kofiPage.errors).toEqual([]);
  });
});
