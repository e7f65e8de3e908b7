// Handing a chat on, as agents see it: the status bar keeps the saved status until Update and
// says how full the agent is; the transfer picker greys out who cannot take the chat (offline,
// not connected, full) with the reason; the chat stays in the previous agent's tabs, marked
// transferred and read-only; and a chat moved to a team's queue with a handover note, then
// offered to an agent who accepts it, tells the customer each step and never shows them the note.
import { beforeAll, expect, it } from 'vitest';
import { assignSession } from '../../src/services/sessions/chatAssigner.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { updateOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { createTeam, setTeamMember } from '../../src/services/teams/teams.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import type { Person } from './support/server.js';
import { gone, messageLog, visible, type SignedInPage } from './support/ui.js';

const NOTE = 'She paid twice; Finance approved refunding the second payment';

describeInBrowser('transfers and status', () => {
  const suite = useServerAndBrowser();
  let kofi: Person;
  let esi: Person;
  let kofiPage: SignedInPage;

  beforeAll(async () => {
    kofi = await suite.server.person('Kofi Boateng', 'admin');
    esi = await suite.server.person('Esi Owusu', 'admin');
  });

  it('keeps showing the saved status until Update, and the load in the hint', async () => {
    kofiPage = await suite.signIn(kofi);
    const status = kofiPage.getByRole('combobox', { name: 'Status', exact: true });
    await visible(kofiPage.getByText('Not accepting any chats. 0 of 5 chats'));

    await status.selectOption('online');
    await kofiPage.getByRole('combobox', { name: 'Max chats' }).selectOption('1');
    await kofiPage.getByRole('switch', { name: 'Auto-assign' }).uncheck();
    await visible(
      kofiPage.getByText('Not saved: you are still offline until you select Update. 0 of 5 chats'),
    );
    expect(await kofiPage.locator('.status-bar .dot').getAttribute('class')).toContain(
      'dot--offline',
    );

    await kofiPage.getByRole('button', { name: 'Update' }).click();
    await visible(kofiPage.getByText('You are online, at most 1 chat, auto-assign off'));
    await visible(kofiPage.getByText('Ready to accept new chats. 0 of 1 chats'));
    expect(await kofiPage.locator('.status-bar .dot').getAttribute('class')).toContain(
      'dot--online',
    );

    const { ctx } = suite.server.node;
    const yaw = await suite.server.person('Yaw Asante');
    const { row } = await startSession(ctx, {
      viewer: yaw,
      subject: 'Exam timetable',
      priority: 'medium',
      message: 'When is the maths exam?',
    });
    await assignSession(ctx, { viewer: kofi, sessionId: row.id });
    await visible(kofiPage.getByText('Ready to accept new chats. Full: 1 of 1 chats'));
  });

  it('greys out an offline, a not connected and a full agent, with the reason', async () => {
    const { ctx } = suite.server.node;
    // Efua is offline; Kwame is online but has no socket open; Abena is on duty and full.
    await suite.server.person('Efua Mensah', 'admin');
    const kwame = await suite.server.person('Kwame Asare', 'admin');
    await updateOwnAgentState(ctx, kwame, { status: 'online', autoAssign: false });
    const abena = await suite.server.person('Abena Ofori', 'admin');
    await suite.signIn(abena);
    await updateOwnAgentState(ctx, abena, {
      status: 'online',
      maxConcurrentChats: 1,
      autoAssign: false,
    });
    const { row } = await startSession(ctx, {
      viewer: await suite.server.person('Kojo Owusu'),
      subject: 'Library fine',
      priority: 'low',
      message: 'Why do I have a fine?',
    });
    await assignSession(ctx, { viewer: abena, sessionId: row.id });
    await suite.signIn(esi);
    await updateOwnAgentState(ctx, esi, { status: 'online', autoAssign: false });

    await kofiPage.getByRole('tab', { name: /Yaw Asante/ }).click();
    await kofiPage.getByRole('button', { name: 'Transfer chat' }).click();
    const picker = kofiPage.getByRole('dialog', { name: 'Transfer chat' });
    const option = (name: string) => picker.locator('.picker__option', { hasText: name });
    await visible(option('Efua Mensah').getByText('Cannot take the chat: Offline'));
    await visible(option('Kwame Asare').getByText('Cannot take the chat: Not connected'));
    await visible(option('Abena Ofori').getByText('Cannot take the chat: Full: 1 of 1 chats'));
    for (const name of ['Efua Mensah', 'Kwame Asare', 'Abena Ofori']) {
      expect(await picker.getByRole('radio', { name: new RegExp(name) }).isDisabled()).toBe(true);
    }
    await visible(option('Esi Owusu').getByText('Connected'));
    await visible(option('Esi Owusu').getByText('0 of 5 chats'));
    expect(await option('Esi Owusu').locator('.picker__reason').count()).toBe(0);
    expect(await picker.getByRole('button', { name: 'Transfer' }).isDisabled()).toBe(true);

    await picker.getByRole('radio', { name: /Esi Owusu/ }).check();
    await picker.getByRole('button', { name: 'Transfer' }).click();
    await visible(messageLog(kofiPage).getByText('Kofi Boateng transferred the chat to Esi Owusu'));
  });

  it('leaves the chat in the previous agent’s tabs, marked transferred and read-only', async () => {
    await visible(kofiPage.getByRole('tab', { name: /Yaw Asante.*Transferred/ }));
    await visible(kofiPage.getByText('Transferred to Esi Owusu. Only they can reply now'));
    expect(await kofiPage.getByLabel('Message to Yaw Asante').count()).toBe(0);
    expect(await kofiPage.getByRole('button', { name: 'Transfer chat' }).count()).toBe(0);
    expect(kofiPage.errors).toEqual([]);
  });

  it('moves a chat to a team with a note, then offers it to an agent who accepts it', async () => {
    const { ctx } = suite.server.node;
    // This test's deployment asks receivers to accept (TRANSFER_MODE=offer); each page reads the
    // setting when it opens, and the ones it opens are its own.
    ctx.settings.transferMode = 'offer';
    try {
      const ada = await suite.server.person('Ada Quaye', 'super_admin');
      const finance = (await createTeam(ctx, ada, { name: 'Finance', description: '' })).row;
      await setTeamMember(ctx, ada, { teamId: finance.id, agentId: esi.id, isLead: false });
      const yaa = await suite.server.person('Yaa Badu');
      const { row } = await startSession(ctx, {
        viewer: yaa,
        subject: 'Double charge',
        priority: 'high',
        message: 'I was charged twice for my fees',
      });
      await assignSession(ctx, { viewer: kofi, sessionId: row.id });
      const yaaPage = await suite.signIn(yaa);
      await yaaPage.goto(`/chat/${row.id}`);
      await visible(messageLog(yaaPage).getByText('Kofi Boateng joined the chat'));

      // Kofi moves it to Finance's queue with a note for whoever takes it there.
      await kofiPage.getByRole('tab', { name: /Yaa Badu/ }).click();
      await kofiPage.getByRole('button', { name: 'Transfer chat' }).click();
      const picker = kofiPage.getByRole('dialog', { name: 'Transfer chat' });
      const team = picker.locator('.picker__option', { hasText: 'Finance' });
      await visible(team.getByText('1 of 1 agent online'));
      await team.getByRole('radio').check();
      await picker.getByLabel('Handover note').fill(NOTE);
      await picker.getByRole('button', { name: 'Transfer to team' }).click();
      await visible(messageLog(kofiPage).getByText('Kofi Boateng transferred the chat to Finance'));
      await visible(messageLog(yaaPage).getByText("You're being transferred to Finance"));

      // Esi, of Finance, takes it from the queue and finds the note at the top of the chat.
      const esiPage = await suite.signIn(esi);
      await assignSession(ctx, { viewer: esi, sessionId: row.id });
      await esiPage.getByRole('tab', { name: /Yaa Badu/ }).click();
      const handover = esiPage.getByRole('complementary', { name: 'Handover note' });
      await visible(handover.getByText(NOTE));
      await visible(handover.getByText(/from Kofi Boateng/));

      // Esi offers it to Ama, who accepts it from the offer on her page.
      const ama = await suite.server.person('Ama Mensah', 'admin');
      const amaPage = await suite.signIn(ama);
      await updateOwnAgentState(ctx, ama, { status: 'online', autoAssign: false });
      await esiPage.getByRole('button', { name: 'Transfer chat' }).click();
      const offering = esiPage.getByRole('dialog', { name: 'Transfer chat' });
      await visible(offering.getByText('has 60 seconds to accept'));
      await offering.getByRole('radio', { name: /Ama Mensah/ }).check();
      await offering.getByRole('button', { name: 'Offer chat' }).click();
      await visible(esiPage.getByText(/Offered to Ama Mensah, waiting for their answer/));
      await visible(messageLog(yaaPage).getByText("You're being transferred to Ama Mensah"));
      const tray = amaPage.getByRole('complementary', { name: 'Transfer offers' });
      await visible(tray.getByText('Esi Owusu offers you a chat'));
      await visible(tray.getByText('Double charge'));
      await tray.getByRole('button', { name: 'Accept' }).click();
      await visible(messageLog(amaPage).getByText('Ama Mensah joined the chat'));
      await gone(tray);
      await visible(esiPage.getByText('Ama Mensah accepted Yaa Badu’s chat'));

      // The customer heard where the chat went and who joined, and nothing of the desk's.
      await visible(messageLog(yaaPage).getByText('Ama Mensah joined the chat'));
      await yaaPage.reload();
      await visible(messageLog(yaaPage).getByText('Ama Mensah joined the chat'));
      const heard = await messageLog(yaaPage).innerText();
      for (const desks of ['paid twice', 'transferred the chat to Finance', 'offered the chat']) {
        expect(heard).not.toContain(desks);
      }
      for (const page of [kofiPage, esiPage, amaPage, yaaPage]) expect(page.errors).toEqual([]);
    } finally {
      ctx.settings.transferMode = 'direct';
    }
  });
});
