// Tickets in the browser: a customer files a request from Requests and sees the agent's reply
// arrive; the agent finds it in the inbox's Unassigned view, takes it, replies, adds an internal
// note the customer never sees (neither on their page nor in what the API gives them), and
// answers with "Send and set pending"; the customer marks it solved and the agent's page follows.
import { beforeAll, expect, it } from 'vitest';
import type { Page as TicketPage } from '../../src/shared/api.js';
import type { Ticket, TicketMessage } from '../../src/shared/ticketsApi.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import type { Person } from './support/server.js';
import { gone, until, visible, type SignedInPage } from './support/ui.js';

const NOTE = 'Checked the bursar ledger: the refund left on Monday';

describeInBrowser('tickets', () => {
  const suite = useServerAndBrowser();
  let agent: Person;
  let customer: Person;
  let agentPage: SignedInPage;
  let customerPage: SignedInPage;
  let requestPath: string;

  beforeAll(async () => {
    agent = await suite.server.person('Kofi Boateng', 'admin');
    customer = await suite.server.person('Yaw Asante');
  });

  it('lets a customer file a request and an agent answer it from the inbox', async () => {
    customerPage = await suite.signIn(customer);
    await customerPage.getByRole('link', { name: 'Requests' }).click();
    await visible(customerPage.getByText('No requests yet'));
    await customerPage.getByRole('link', { name: 'New request' }).click();
    await customerPage.getByLabel('Subject').fill('Refund for a dropped course');
    await customerPage.getByLabel('Your message').fill('I dropped MATH 101 but was still charged.');
    await customerPage.getByRole('button', { name: 'Send request' }).click();
    await visible(customerPage.getByRole('heading', { name: 'Refund for a dropped course' }));
    await visible(customerPage.getByText('I dropped MATH 101 but was still charged.'));
    requestPath = new URL(customerPage.url()).pathname;
    expect(requestPath).toBe('/requests/1');

    agentPage = await suite.signIn(agent);
    await agentPage.getByRole('link', { name: 'Tickets' }).click();
    await agentPage.getByRole('tab', { name: 'Unassigned' }).click();
    const row = agentPage.getByRole('row', { name: /Refund for a dropped course/ });
    await visible(row.getByText('Yaw Asante'));
    await visible(row.getByText('New'));
    await row.getByRole('link', { name: 'Refund for a dropped course' }).click();

    const panel = agentPage.getByRole('complementary', { name: 'Ticket details' });
    await visible(panel.getByLabel('Assignee'));
    expect(new URL(agentPage.url()).pathname).toBe('/tickets/1');
    await panel.getByLabel('Assignee').selectOption({ label: 'Kofi Boateng (you)' });
    await visible(panel.getByText('took it'));
    await agentPage
      .getByRole('textbox', { name: 'Your reply' })
      .fill('Sorry about that, I am looking into it.');
    await agentPage.getByRole('button', { name: 'Send', exact: true }).click();
    await visible(agentPage.locator('.ticket-header').getByText('Open'));

    // The customer's page follows on its own.
    await visible(customerPage.getByText('Sorry about that, I am looking into it.'));
    await visible(customerPage.locator('.ticket-header').getByText('Open'));
    expect(customerPage.errors).toEqual([]);
    expect(agentPage.errors).toEqual([]);
  });

  it('keeps a note from the customer and sets the ticket pending with the reply', async () => {
    await agentPage.getByRole('button', { name: 'Note', exact: true }).click();
    await agentPage.getByRole('textbox', { name: 'Internal note' }).fill(NOTE);
    await agentPage.getByRole('button', { name: 'Add note' }).click();
    const note = agentPage.locator('[data-kind="note"]', { hasText: NOTE });
    await visible(note.getByText('Note · only agents see this'));

    await agentPage.getByRole('button', { name: 'Reply', exact: true }).click();
    await agentPage
      .getByRole('textbox', { name: 'Your reply' })
      .fill('The refund is on its way: tell us when it lands.');
    await agentPage.getByRole('button', { name: 'Send and set pending' }).click();
    await visible(agentPage.locator('.ticket-header').getByText('Pending'));
    await visible(
      agentPage
        .getByRole('complementary', { name: 'Ticket details' })
        .getByText('changed the status from Open to Pending'),
    );

    await visible(customerPage.getByText('The refund is on its way: tell us when it lands.'));
    await visible(customerPage.locator('.ticket-header').getByText('Pending'));
    // Loaded afresh, the page still has no trace of the note, and neither has the API's answer.
    await customerPage.reload();
    await visible(customerPage.getByText('The refund is on its way: tell us when it lands.'));
    expect(await customerPage.getByText(NOTE).count()).toBe(0);
    expect(await customerPage.getByText('only agents see this').count()).toBe(0);
    const found = await customerPage.request.get('/api/v1/tickets?number=1');
    const ticketId = ((await found.json()) as TicketPage<Ticket>).items[0]!.id;
    const answer = await customerPage.request.get(`/api/v1/tickets/${ticketId}/messages`);
    expect(answer.status()).toBe(200);
    const raw = await answer.text();
    expect(raw).not.toContain(NOTE);
    const thread = JSON.parse(raw) as TicketPage<TicketMessage>;
    expect(thread.items.map((m) => m.kind)).toEqual(['reply', 'reply', 'reply']);

    // The customer marks it solved; the agent's page follows.
    await customerPage.getByRole('button', { name: 'Mark as solved' }).click();
    await visible(customerPage.locator('.ticket-header').getByText('Solved'));
    await visible(customerPage.getByRole('button', { name: 'Reopen' }));
    await visible(agentPage.locator('.ticket-header').getByText('Solved'));
    await agentPage.getByRole('link', { name: 'Tickets', exact: true }).first().click();
    await agentPage.getByRole('tab', { name: 'Solved' }).click();
    await visible(agentPage.getByRole('row', { name: /Refund for a dropped course/ }));
    await agentPage.getByRole('tab', { name: 'My open' }).click();
    await gone(agentPage.getByRole('row', { name: /Refund for a dropped course/ }));
    await until(() => expect(agentPage.errors).toEqual([]));
    expect(customerPage.errors).toEqual([]);
  });
});
