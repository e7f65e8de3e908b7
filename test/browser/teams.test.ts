// Teams and topics in the browser: a super admin creates a team, makes an agent its lead and adds
// a topic leading to it, and makes it overflow to another team; a customer's link preselects
// that topic, the customer picks it on the start form, and the team's agent gets the chat and
// sees its topic and team. An agent's Waiting tab offers each team's queue, with each chat's
// place in its own team's queue.
import { beforeAll, expect, it } from 'vitest';
import { updateOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { createTeam, setTeamMember } from '../../src/services/teams/teams.js';
import { createTopic } from '../../src/services/topics/topics.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import { goOnline, startChat } from './support/scenes.js';
import type { Person } from './support/server.js';
import { messageLog, until, visible, type SignedInPage } from './support/ui.js';

describeInBrowser('teams and topics', () => {
  const suite = useServerAndBrowser();
  let admin: Person;
  let agent: Person;
  let customer: Person;
  let adminPage: SignedInPage;

  beforeAll(async () => {
    admin = await suite.server.person('Ada Admin', 'super_admin');
    agent = await suite.server.person('Kofi Boateng', 'admin');
    customer = await suite.server.person('Yaw Asante');
    // Another desk already has the default topic, so the customer really has to pick.
    const { ctx } = suite.server.node;
    const { row } = await createTeam(ctx, admin, { name: 'Academic Affairs', description: '' });
    await createTopic(ctx, admin, {
      name: 'Course registration',
      slug: 'course-registration',
      teamId: row.id,
      isDefault: true,
      position: 0,
    });
  });

  it('lets a super admin create a team with a lead, and a topic leading to it', async () => {
    adminPage = await suite.signIn(admin);
    await adminPage.getByRole('button', { name: 'Admin' }).click();
    await adminPage.getByRole('link', { name: 'Teams' }).click();
    await adminPage.getByRole('button', { name: 'New team' }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'New team' });
    await dialog.getByLabel('Name').fill('Finance');
    await dialog.getByLabel('Description').fill('Fees, payments and scholarships');
    await dialog.getByRole('button', { name: 'Create team' }).click();
    await visible(adminPage.getByText('Team Finance created'));

    const finance = adminPage.getByRole('region', { name: 'Team Finance' });
    await finance.getByRole('combobox', { name: 'Agent to add to Finance' }).selectOption({
      label: 'Kofi Boateng',
    });
    await finance.getByRole('button', { name: 'Add to team' }).click();
    await visible(adminPage.getByText('Kofi Boateng joined Finance'));
    // The box shows the saved state: it is ticked once the server has made Kofi a lead.
    const leadBox = finance.getByRole('checkbox', { name: 'Kofi Boateng leads Finance' });
    await leadBox.click();
    await visible(adminPage.getByText('Kofi Boateng leads Finance'));
    await expect.poll(() => leadBox.isChecked()).toBe(true);

    await adminPage.getByRole('button', { name: 'New topic' }).click();
    const topic = adminPage.getByRole('dialog', { name: 'New topic' });
    await topic.getByLabel('Name').fill('Fees and payments');
    expect(await topic.getByLabel('Slug').inputValue()).toBe('fees-and-payments');
    await topic.getByLabel('Team').selectOption({ label: 'Finance' });
    await topic.getByRole('button', { name: 'Create topic' }).click();
    const row = adminPage.getByRole('row', { name: /Fees and payments/ });
    await visible(row.getByText('Finance'));
    expect(adminPage.errors).toEqual([]);
  });

  it('lets a super admin make the team overflow to another after a delay, and says why a delay is refused', async () => {
    const finance = adminPage.getByRole('region', { name: 'Team Finance' });
    await finance.getByRole('button', { name: 'Edit' }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'Edit Finance' });
    const overflowTo = dialog.getByRole('combobox', { name: /Overflow to/ });
    expect(await overflowTo.locator('option:checked').textContent()).toBe(
      'No overflow: only Finance’s agents',
    );
    await overflowTo.selectOption({ label: 'Academic Affairs' });
    const delay = dialog.getByLabel('After waiting');
    await delay.fill('5');
    await dialog.getByRole('combobox', { name: 'Unit of the delay' }).selectOption('seconds');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await visible(dialog.getByText('The delay must be between 10 seconds and 24 hours.'));
    await delay.fill('3');
    await dialog.getByRole('combobox', { name: 'Unit of the delay' }).selectOption('minutes');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await visible(finance.getByText('Chats waiting over 3 min also go to Academic Affairs'));
    const saved = await (await adminPage.request.get('/api/v1/teams')).json();
    expect(saved.items.find((t: { name: string }) => t.name === 'Finance').overflow).toMatchObject({
      team: { name: 'Academic Affairs' },
      afterSeconds: 180,
    });
    expect(adminPage.errors).toEqual([]);
  });

  it('brings the customer to the team’s agent on the topic they pick', async () => {
    const agentPage = await suite.signIn(agent);
    await goOnline(agentPage);

    const customerPage = await suite.signIn(customer);
    const picker = customerPage.getByRole('combobox', { name: 'Topic' });
    await visible(picker);
    // No topic named: the default one.
    expect(await picker.locator('option:checked').textContent()).toBe('Course registration');
    // A host portal's link names the topic.
    await customerPage.goto('/?topic=fees-and-payments');
    await visible(customerPage.getByRole('heading', { name: 'Start a chat' }));
    expect(await picker.locator('option:checked').textContent()).toBe('Fees and payments');
    await picker.selectOption({ label: 'Course registration' });
    await picker.selectOption({ label: 'Fees and payments' });
    await startChat(customerPage, {
      subject: 'Refund of the library deposit',
      message: 'When will my deposit be refunded?',
    });
    await visible(messageLog(customerPage).getByText('Kofi Boateng joined the chat'));

    await visible(agentPage.getByRole('heading', { name: 'Yaw Asante' }));
    const details = agentPage.getByRole('complementary', { name: 'Chat details' });
    await visible(details);
    await visible(details.getByText('Fees and payments'));
    await visible(details.getByText('Finance', { exact: true }));
    expect(agentPage.errors).toEqual([]);
    expect(customerPage.errors).toEqual([]);
  });
  it("offers an agent each team's queue in the Waiting tab, each chat placed in its team's queue", async () => {
    const { ctx } = suite.server.node;
    // Kofi goes offline, so the chats below wait; Esi, in Finance, only looks.
    await updateOwnAgentState(ctx, agent, { status: 'offline' });
    const esi = await suite.server.person('Esi Owusu', 'admin');
    const teams = (await (await adminPage.request.get('/api/v1/teams')).json()).items as Array<{
      id: string;
      name: string;
    }>;
    const finance = teams.find((t) => t.name === 'Finance')!;
    await setTeamMember(ctx, admin, { teamId: finance.id, agentId: esi.id, isLead: false });
    const topics = (await (await adminPage.request.get('/api/v1/topics')).json()).items as Array<{
      id: string;
      slug: string;
    }>;
    const topicId = (slug: string) => topics.find((t) => t.slug === slug)!.id;
    for (const [name, slug, subject] of [
      ['Ama Darko', 'fees-and-payments', 'Tuition invoice twice'],
      ['Kojo Mensah', 'course-registration', 'Cannot add elective'],
      ['Efua Boateng', 'fees-and-payments', 'Scholarship not applied'],
    ] as const) {
      await startSession(ctx, {
        viewer: await suite.server.person(name),
        subject,
        priority: 'medium',
        message: subject,
        topicId: topicId(slug),
      });
    }

    const page = await suite.signIn(esi);
    await page.getByRole('tab', { name: /Waiting/ }).click();
    const queues = page.getByRole('group', { name: 'Show the queue of' });
    const rows = page.getByRole('tabpanel').locator('.waiting-row');
    // Every chat first, in routing order; her own team first among the queues.
    await until(async () => expect(await rows.count()).toBe(3));
    expect(await queues.getByRole('button').allTextContents()).toEqual([
      'All 3',
      'Finance 2',
      'Academic Affairs 1',
    ]);
    expect(await rows.nth(1).textContent()).toMatch(
      /Cannot add elective.*Next in Academic Affairs/,
    );

    await queues.getByRole('button', { name: /^Finance/ }).click();
    await until(async () => expect(await rows.count()).toBe(2));
    expect(await rows.nth(0).textContent()).toMatch(/Tuition invoice twice.*Next in Finance/);
    expect(await rows.nth(1).textContent()).toMatch(/Scholarship not applied.*No\. 2 in Finance/);
    expect(
      await queues.getByRole('button', { name: /^Finance/ }).getAttribute('aria-pressed'),
    ).toBe('true');
    expect(page.errors).toEqual([]);
  });
});
