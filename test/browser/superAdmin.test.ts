// What a super admin does in the browser: manage accounts, watch agents' status change live, give
// a waiting chat to a chosen agent (who then transfers it), and share a quick response. Also the
// host application's SSO landing, signed in on success and explained on failure.
import { SignJWT } from 'jose';
import { beforeAll, expect, it } from 'vitest';
import { updateOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import { PASSWORD, SSO_SECRET, type Person } from './support/server.js';
import {
  connected,
  gone,
  messageLog,
  sessionCounts,
  until,
  visible,
  type SignedInPage,
} from './support/ui.js';

describeInBrowser('a super admin', () => {
  const suite = useServerAndBrowser();
  let admin: Person;
  let kofi: Person;
  let adminPage: SignedInPage;
  let esiPage: SignedInPage;

  beforeAll(async () => {
    admin = await suite.server.person('Ada Admin', 'super_admin');
    kofi = await suite.server.person('Kofi Boateng', 'admin');
  });

  it('creates an agent account, changes a role and deactivates an account', async () => {
    adminPage = await suite.signIn(admin);
    // The desk's settings are under one Admin menu: Escape closes it, back on its button.
    const menu = adminPage.getByRole('button', { name: 'Admin' });
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await adminPage.keyboard.press('Escape');
    await gone(adminPage.getByRole('link', { name: 'Accounts' }));
    expect(await adminPage.locator('button:focus').innerText()).toContain('Admin');
    await menu.click();
    await adminPage.getByRole('link', { name: 'Accounts' }).click();
    // Open on one of its pages, the menu is closed and marked current.
    await gone(adminPage.getByRole('link', { name: 'Agents' }));
    expect(await menu.getAttribute('data-current')).toBe('true');
    await adminPage.getByRole('button', { name: 'New account' }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'New account' });
    await dialog.getByLabel('Name').fill('Esi Owusu');
    await dialog.getByLabel('Email').fill('esi@example.com');
    await dialog.getByLabel('Password').fill(PASSWORD);
    await dialog.getByLabel('Role').selectOption('admin');
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await visible(adminPage.getByText('Account created for Esi Owusu'));
    const esiRow = adminPage.getByRole('row', { name: /Esi Owusu/ });
    expect(await esiRow.getByRole('combobox').inputValue()).toBe('admin');

    const temp = await suite.server.person('Temporary Helper');
    await adminPage.reload();
    const tempRow = adminPage.getByRole('row', { name: /Temporary Helper/ });
    await tempRow.getByRole('combobox', { name: 'Role of Temporary Helper' }).selectOption('admin');
    await visible(adminPage.getByText('Temporary Helper is now agent'));
    await tempRow.getByRole('button', { name: 'Deactivate' }).click();
    await adminPage.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await visible(tempRow.getByText('Deactivated'));
    expect(temp.email).toContain('temporary');
  });

  it("sees an agent's status change live", async () => {
    await adminPage.getByRole('button', { name: 'Admin' }).click();
    await adminPage.getByRole('link', { name: 'Agents' }).click();
    const esiRow = adminPage.getByRole('row', { name: /Esi Owusu/ });
    await visible(esiRow.getByText('Offline'));

    esiPage = await suite.signIn({ email: 'esi@example.com', name: 'Esi Owusu' });
    await esiPage.getByRole('combobox', { name: 'Status' }).selectOption('online');
    await esiPage.getByRole('combobox', { name: 'Max chats' }).selectOption('3');
    await esiPage.getByRole('switch', { name: 'Auto-assign' }).uncheck();
    await esiPage.getByRole('button', { name: 'Update' }).click();
    await visible(esiRow.getByText('Online'));
    await visible(esiRow.getByText('0 / 3'));
  });

  it('gives a waiting chat to a chosen agent, who can transfer it on', async () => {
    const customer = await suite.server.person('Akosua Darko');
    await startSession(suite.server.node.ctx, {
      viewer: customer,
      subject: 'Hostel allocation',
      priority: 'low',
      message: 'When are hostel allocations published?',
    });
    await adminPage.getByRole('link', { name: 'All chats' }).click();
    await adminPage.getByRole('combobox', { name: 'Status' }).selectOption('waiting');
    const row = adminPage.getByRole('row', { name: /Hostel allocation/ });
    await row.getByRole('button', { name: 'Assign to…' }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'Assign chat' });
    await dialog.getByRole('radio', { name: /Esi Owusu/ }).check();
    await dialog.getByRole('button', { name: 'Assign' }).click();
    await visible(adminPage.getByText('Chat assigned to Esi Owusu'));
    await adminPage.getByRole('combobox', { name: 'Status' }).selectOption('active');
    await visible(adminPage.getByRole('row', { name: /Hostel allocation.*Esi Owusu/ }));

    await visible(esiPage.getByRole('heading', { name: 'Akosua Darko' }));
    // Kofi signs in and goes on duty by hand: only then may he be handed a chat.
    await suite.signIn(kofi);
    await updateOwnAgentState(suite.server.node.ctx, kofi, { status: 'online', autoAssign: false });
    await esiPage.getByRole('button', { name: 'Transfer chat' }).click();
    const transfer = esiPage.getByRole('dialog', { name: 'Transfer chat' });
    await transfer.getByRole('radio', { name: new RegExp(kofi.name) }).check();
    await transfer.getByRole('button', { name: 'Transfer' }).click();
    await visible(messageLog(esiPage).getByText('Esi Owusu transferred the chat to Kofi Boateng'));
    await visible(esiPage.getByText('Transferred to Kofi Boateng. Only they can reply now'));
  });

  it("counts every ended chat on the console's History tab, and leaves its own chats alone for others' changes", async () => {
    await adminPage.getByRole('link', { name: 'Chat management' }).click();
    const before = await sessionCounts(adminPage);
    await visible(adminPage.getByRole('tab', { name: `History ${before.history}`, exact: true }));
    const ownChatReads: string[] = [];
    adminPage.on('request', (request) => {
      if (request.url().includes('view=active')) ownChatReads.push(request.url());
    });

    // More chats end elsewhere than one page of History holds (20), more than one customer may
    // start in an hour.
    const customers = [
      await suite.server.person('Kwame Asare'),
      await suite.server.person('Akua Mensah'),
    ];
    for (let n = 1; n <= 21; n++) {
      const customer = customers[n % 2]!;
      const { row } = await startSession(suite.server.node.ctx, {
        viewer: customer,
        subject: `Question ${n}`,
        priority: 'low',
        message: 'Never mind, I found it.',
      });
      await endSession(suite.server.node.ctx, { viewer: customer, sessionId: row.id });
    }
    const after = await sessionCounts(adminPage);
    expect(after.history).toBe(before.history + 21);
    const historyTab = adminPage.getByRole('tab', {
      name: `History ${after.history}`,
      exact: true,
    });
    await visible(historyTab);
    await historyTab.click();
    await visible(adminPage.getByRole('tabpanel').getByRole('button', { name: 'Show more' }));
    expect(await adminPage.getByRole('tabpanel').locator('.session-row').count()).toBe(20);
    expect(ownChatReads).toEqual([]);
  });

  it('shares a quick response with every agent', async () => {
    await adminPage.getByRole('link', { name: 'Quick responses' }).click();
    await adminPage.getByRole('button', { name: 'New response' }).click();
    await adminPage.getByLabel('Title').fill('Office hours');
    await adminPage.getByLabel('Text').fill('We are open 8:00-17:00, Monday to Friday.');
    await adminPage.getByLabel('Offered to').selectOption('shared');
    await adminPage.getByRole('button', { name: 'Save' }).click();
    await visible(
      adminPage.getByRole('region', { name: 'Shared with all agents' }).getByText('Office hours'),
    );

    await esiPage.goto('/quick-responses');
    const shared = esiPage.getByRole('region', { name: 'Shared with all agents' });
    await visible(shared.getByText('Office hours'));
    expect(await shared.getByRole('button', { name: 'Edit' }).count()).toBe(0);
  });

  it('lands a person from the host application signed in, and explains a bad link', async () => {
    const ssoToken = (secret: string) =>
      new SignJWT({ name: 'Kojo Annan', email: 'kojo@example.com', role: 'user' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('portal-kojo')
        .setAudience('switchboard')
        .setIssuedAt()
        .setExpirationTime('2m')
        .sign(new TextEncoder().encode(secret));
    const page = await suite.openPage();
    const token = await ssoToken(SSO_SECRET);
    await page.goto(`/api/v1/auth/sso?token=${encodeURIComponent(token)}&next=/`);
    await connected(page);
    await visible(page.getByText('Kojo Annan'));
    await until(() => expect(new URL(page.url()).pathname).toBe('/chat'));

    // A bad link lands on the sign-in page, which says why.
    const stranger = await suite.openPage();
    const landWith = async (query: string) => {
      await stranger.goto(`/api/v1/auth/sso?${query}`);
      return new URL(stranger.url()).searchParams.get('error');
    };
    const forged = await ssoToken('a-secret-the-host-application-never-had');
    expect(await landWith(`token=${encodeURIComponent(forged)}`)).toBe('INVALID_SSO_TOKEN');
    await visible(stranger.getByText('Single sign-on failed'));
    await visible(stranger.getByText(/expired or already been used/));
    // Each link works once, even when the host sets no jti.
    expect(await landWith(`token=${encodeURIComponent(token)}`)).toBe('INVALID_SSO_TOKEN');
    expect(await landWith('next=/')).toBe('VALIDATION_FAILED');
    await visible(stranger.getByText('Single sign-on failed'));
    await visible(stranger.getByText(/link from your portal is incomplete/));
    expect(stranger.errors).toEqual([]);
  });

  it('raised no errors in any page', () => {
    expect(adminPage.errors).toEqual([]);
    expect(esiPage.errors).toEqual([]);
  });
});
