// The desk's side of a ticket in the browser: an agent tags it and fills its custom field, each
// change landing in the history; then merges a duplicate the same student filed into it by its
// number, and lands on the ticket merged into, which now shows both threads. The merged ticket
// tells the student where the conversation goes on. Two agents on one ticket see each other there,
// and who is writing on it, and one's note appears on the other's open page without a reload.
import { beforeAll, expect, it } from 'vitest';
import { createTicketField } from '../../src/services/tickets/ticketFields.js';
import { createTicket } from '../../src/services/tickets/ticketCreator.js';
import { CreateTicketBody } from '../../src/shared/ticketsApi.js';
import { CreateTicketFieldBody } from '../../src/shared/ticketSettingsApi.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import type { Person } from './support/server.js';
import { gone, visible, type SignedInPage } from './support/ui.js';

describeInBrowser('the desk’s side of a ticket', () => {
  const suite = useServerAndBrowser();
  let agent: Person;
  let customer: Person;
  let agentPage: SignedInPage;

  beforeAll(async () => {
    const admin = await suite.server.person('Ada Admin', 'super_admin');
    agent = await suite.server.person('Kofi Boateng', 'admin');
    customer = await suite.server.person('Yaw Asante');
    const { ctx } = suite.server.node;
    await createTicketField(
      ctx,
      admin,
      CreateTicketFieldBody.parse({ key: 'student_id', type: 'text', label: 'Student ID' }),
    );
    const file = (subject: string, message: string) =>
      createTicket(ctx, { viewer: customer, body: CreateTicketBody.parse({ subject, message }) });
    await file('Library fine', 'I returned the book on time but was fined.');
    await file('Library fine again', 'Writing again about the fine on my account.');
  });

  it('saves tags and a custom field, each recorded in the history', async () => {
    agentPage = await suite.signIn(agent);
    await agentPage.goto('/tickets/1');
    const panel = agentPage.getByRole('complementary', { name: 'Ticket details' });
    await visible(panel.getByRole('heading', { name: 'Fields' }));

    await panel.getByRole('textbox', { name: 'Add a tag' }).fill('library');
    await panel.getByRole('button', { name: 'Add tag' }).click();
    await visible(panel.getByRole('list', { name: 'Tags' }).getByText('library'));
    await visible(panel.getByText('set the tags to library'));

    const studentId = panel.getByRole('textbox', { name: 'Student ID' });
    await studentId.fill('10045821');
    await studentId.press('Enter');
    await visible(panel.getByText('set Student ID to 10045821'));
    await agentPage.reload();
    await visible(panel.getByRole('list', { name: 'Tags' }).getByText('library'));
    expect(await panel.getByRole('textbox', { name: 'Student ID' }).inputValue()).toBe('10045821');
    expect(agentPage.errors).toEqual([]);
  });

  it('merges a duplicate into the ticket named by its number', async () => {
    await agentPage.goto('/tickets/2');
    const panel = agentPage.getByRole('complementary', { name: 'Ticket details' });
    await panel.getByRole('button', { name: 'Merge into…' }).click();
    const dialog = agentPage.getByRole('dialog', { name: 'Merge #2 into another ticket' });
    await dialog.getByLabel('Ticket number').fill('2');
    await dialog.getByRole('button', { name: 'Find' }).click();
    await visible(dialog.getByText('A ticket cannot be merged into itself.'));
    await dialog.getByLabel('Ticket number').fill('#1');
    await dialog.getByRole('button', { name: 'Find' }).click();
    await visible(dialog.getByText('Library fine', { exact: false }));
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();

    await visible(agentPage.getByText('#2 merged into #1'));
    await visible(agentPage.getByRole('heading', { name: 'Library fine', exact: true }));
    expect(new URL(agentPage.url()).pathname).toBe('/tickets/1');
    await visible(agentPage.getByText('I returned the book on time but was fined.'));
    await visible(agentPage.getByText('Writing again about the fine on my account.'));
    expect(agentPage.errors).toEqual([]);
  });

  it('shows each agent who else has the ticket open and who is writing on it', async () => {
    const esi = await suite.server.person('Esi Owusu', 'admin');
    const esiPage = await suite.signIn(esi);
    await esiPage.goto('/tickets/1');
    await agentPage.goto('/tickets/1');
    await visible(esiPage.getByText('Kofi Boateng is also looking at this ticket.'));
    await visible(agentPage.getByText('Esi Owusu is also looking at this ticket.'));

    await esiPage.getByRole('textbox', { name: 'Your reply' }).fill('I will take this one.');
    await visible(agentPage.getByText('Esi Owusu is writing on it.'));
    await esiPage.getByRole('textbox', { name: 'Your reply' }).fill('');
    await visible(agentPage.getByText('Esi Owusu is also looking at this ticket.'));

    // Esi's note reaches Kofi's open page through the ticket's feed, with no reload; each page
    // shows it once (Esi's own, refetched after sending, is not added again by its frame). The
    // student, on their request's page, gets her reply that follows and never the note.
    const customerPage = await suite.signIn(customer);
    await customerPage.goto('/requests/1');
    await visible(customerPage.getByText('I returned the book on time but was fined.'));
    await esiPage.getByRole('button', { name: 'Note', exact: true }).click();
    await esiPage.getByRole('textbox', { name: 'Internal note' }).fill('Checked with the library.');
    await esiPage.getByRole('button', { name: 'Add note' }).click();
    await visible(agentPage.getByText('Checked with the library.'));
    await visible(esiPage.getByText('Checked with the library.'));
    expect(await agentPage.getByText('Checked with the library.').count()).toBe(1);
    expect(await esiPage.getByText('Checked with the library.').count()).toBe(1);
    await esiPage.getByRole('button', { name: 'Reply', exact: true }).click();
    await esiPage.getByRole('textbox', { name: 'Your reply' }).fill('The fine is lifted.');
    await esiPage.getByRole('button', { name: 'Send', exact: true }).click();
    await visible(customerPage.getByText('The fine is lifted.'));
    await visible(agentPage.getByText('The fine is lifted.'));
    expect(await esiPage.getByText('The fine is lifted.').count()).toBe(1);
    expect(await customerPage.getByText('Checked with the library.').count()).toBe(0);
    expect(customerPage.errors).toEqual([]);

    await esiPage.goto('/tickets');
    await gone(agentPage.locator('.ticket-presence'));
    expect(esiPage.errors).toEqual([]);
    expect(agentPage.errors).toEqual([]);
  });

  it('leads the student from the merged request to the one it went into', async () => {
    const customerPage = await suite.signIn(customer);
    await customerPage.goto('/requests/2');
    await visible(customerPage.getByText('This ticket was merged into'));
    await customerPage.getByRole('link', { name: '#1' }).click();
    await visible(customerPage.getByText('Writing again about the fine on my account.'));
    expect(customerPage.errors).toEqual([]);
  });
});
