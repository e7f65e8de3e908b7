// The agents' inbox in the browser: sorting by a column header (aria-sort follows), selecting
// rows from the keyboard and setting their status in bulk, the search box finding tickets, chats
// and people, then a requester's reply appearing on
// the agent's open ticket page without a reload.
import { beforeAll, expect, it } from 'vitest';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import type { Person } from './support/server.js';
import { until, visible, type SignedInPage } from './support/ui.js';

describeInBrowser('ticket inbox', () => {
  const suite = useServerAndBrowser();
  let agent: Person;
  let customer: Person;
  let agentPage: SignedInPage;
  let customerPage: SignedInPage;
  const ids: Record<string, string> = {};

  /** The customer's own API call, from their signed-in page. */
  const asCustomer = (path: string, body: object) =>
    customerPage.evaluate(
      async ([path, body]) => {
        const reply = await fetch(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return (await reply.json()) as { id: string };
      },
      [path, body] as const,
    );

  const subjects = () =>
    agentPage
      .locator('.ticket-table tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.querySelector('a')?.textContent ?? ''));

  beforeAll(async () => {
    agent = await suite.server.person('Kofi Boateng', 'admin');
    customer = await suite.server.person('Yaw Asante');
    customerPage = await suite.signIn(customer);
    for (const [subject, priority] of [
      ['Alpha fees', 'low'],
      ['Beta transcript', 'urgent'],
      ['Gamma hostel', 'medium'],
    ] as const) {
      ids[subject] = (
        await asCustomer('/api/v1/tickets', { subject, message: `About ${subject}`, priority })
      ).id;
    }
  });

  it('sorts by a column header and changes the rows selected from the keyboard in bulk', async () => {
    agentPage = await suite.signIn(agent);
    await agentPage.getByRole('link', { name: 'Tickets' }).click();
    await agentPage.getByRole('tab', { name: 'All open' }).click();
    await visible(agentPage.getByRole('row', { name: /Gamma hostel/ }));

    await agentPage.getByRole('button', { name: 'Priority' }).click();
    const priority = agentPage.getByRole('columnheader', { name: /Priority/ });
    await until(async () => expect(await priority.getAttribute('aria-sort')).toBe('descending'));
    await until(async () =>
      expect(await subjects()).toEqual(['Beta transcript', 'Gamma hostel', 'Alpha fees']),
    );
    await agentPage.getByRole('button', { name: 'Ticket', exact: true }).click();
    await until(async () =>
      expect(await subjects()).toEqual(['Gamma hostel', 'Beta transcript', 'Alpha fees']),
    );
    expect(await priority.getAttribute('aria-sort')).toBeNull();

    // j to the first row, x to select it; again for the second.
    await agentPage.locator('body').click({ position: { x: 1, y: 1 } });
    for (const key of ['j', 'x', 'j', 'x']) await agentPage.keyboard.press(key);
    const bar = agentPage.getByRole('form', { name: 'Change the selected tickets' });
    await visible(bar.getByText('2 selected'));
    await bar.getByLabel('New value').selectOption({ label: 'Pending' });
    await bar.getByRole('button', { name: 'Apply to 2' }).click();
    await visible(agentPage.getByText('2 tickets changed'));
    await visible(agentPage.getByRole('row', { name: /Gamma hostel.*Pending/ }));
    await visible(agentPage.getByRole('row', { name: /Beta transcript.*Pending/ }));
    await visible(agentPage.getByRole('row', { name: /Alpha fees.*New/ }));
    expect(agentPage.errors).toEqual([]);
  });

  it('finds tickets, chats and people by the words in the search box', async () => {
    await asCustomer('/api/v1/sessions', {
      subject: 'Transcript for my visa',
      message: 'Can the transcript be sealed?',
    });
    const search = agentPage.getByRole('search', { name: 'Filter tickets' }).getByRole('searchbox');
    await search.fill('transcript');
    await until(async () => expect(await subjects()).toEqual(['Beta transcript']));
    const chats = agentPage.getByRole('region', { name: 'Chats matching' });
    await visible(chats.getByRole('link', { name: 'Transcript for my visa' }));
    await search.fill('Asante');
    await visible(
      agentPage.getByRole('region', { name: 'People matching' }).getByText('Yaw Asante'),
    );
    await search.fill('');
    await visible(agentPage.getByRole('row', { name: /Gamma hostel/ }));
    expect(agentPage.errors).toEqual([]);
  });

  it('shows a reply on the open ticket page as it is sent', async () => {
    await agentPage.getByRole('link', { name: 'Alpha fees' }).click();
    await visible(agentPage.getByText('About Alpha fees'));
    await asCustomer(`/api/v1/tickets/${ids['Alpha fees']}/messages`, {
      body: 'I found the receipt, attached soon',
    });
    await visible(agentPage.getByText('I found the receipt, attached soon'));
    expect(agentPage.errors).toEqual([]);
  });
});
