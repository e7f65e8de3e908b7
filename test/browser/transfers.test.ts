// Handing a chat on, as agents see it: the status bar keeps the saved status until Update and
// says how full the agent is; the transfer picker greys out who cannot take the chat (offline,
// not connected, full) with the reason; and the chat stays in the previous agent's tabs, marked
// transferred and read-only.
import { beforeAll, expect, it } from 'vitest';
import { assignSession } from '../../src/services/sessions/chatAssigner.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { updateOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import type { Person } from './support/server.js';
import { messageLog, visible, type SignedInPage } from './support/ui.js';

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
});
