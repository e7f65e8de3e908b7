// Customers are never stranded, in the browser: a chat whose customer waits for the agent's reply
// past REPLY_OVERDUE_SECONDS says so in the agent's Active list and the super admin's All chats,
// and when the agent's tab goes away for good the super admin is told their chat went back to
// the queue.
import { beforeAll, expect, it } from 'vitest';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import type { Person } from './support/server.js';
import { visible, type SignedInPage } from './support/ui.js';

describeInBrowser('stranded chats', () => {
  const suite = useServerAndBrowser({
    REPLY_OVERDUE_SECONDS: '1',
    AGENT_AWAY_GRACE_SECONDS: '1',
    REQUEUE_AFTER_AWAY_SECONDS: '1',
  });
  let admin: Person;
  let agent: Person;
  let adminPage: SignedInPage;
  let agentPage: SignedInPage;

  beforeAll(async () => {
    admin = await suite.server.person('Ada Admin', 'super_admin');
    agent = await suite.server.person('Ama Mensah', 'admin');
  });

  it('points out a chat waiting for the agent’s reply, in words', async () => {
    agentPage = await suite.signIn(agent);
    await agentPage.getByRole('combobox', { name: 'Status' }).selectOption('online');
    await agentPage.getByRole('button', { name: 'Update' }).click();
    const customer = await suite.server.person('Yaw Boateng');
    await startSession(suite.server.node.ctx, {
      viewer: customer,
      subject: 'Transcript request',
      priority: 'medium',
      message: 'How do I get my transcript?',
    });
    await visible(agentPage.getByText('Transcript request'));
    // The list's clock ticks every 10 s.
    await visible(agentPage.getByText(/Waiting for reply \d+ s/), 15_000);

    adminPage = await suite.signIn(admin);
    await adminPage.getByRole('link', { name: 'All chats' }).click();
    const row = adminPage.getByRole('row', { name: /Transcript request/ });
    await visible(row.getByText(/Waiting for reply \d+ s/), 15_000);
  });

  it('tells the super admin when the agent who left had their chat put back in the queue', async () => {
    await agentPage.context().close();
    await visible(
      adminPage.getByText('Ama Mensah was disconnected: 1 chat is back in the queue'),
      10_000,
    );
    const row = adminPage.getByRole('row', { name: /Transcript request/ });
    await visible(row.getByText('Waiting', { exact: true }));
    expect(await row.getByText(/Waiting for reply/).count()).toBe(0);
  });
});
