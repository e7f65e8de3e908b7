// A chat that cannot be settled live becomes a ticket from its details panel: the agent presses
// "Create ticket", follows the link to the ticket, and finds the transcript as its thread with
// the chat's internal note still a note; the customer finds the request under Requests, without
// the note. Pressed again (a reload), the panel links to the same ticket.
import { expect, it } from 'vitest';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import { agentAndCustomer, goOnline, startChatWith } from './support/scenes.js';
import { messageLog, visible, type SignedInPage } from './support/ui.js';

const NOTE = 'Registrar needs the signed form before Friday';

describeInBrowser('a ticket from a chat', () => {
  const suite = useServerAndBrowser();
  const people = agentAndCustomer(suite, 'Ama Mensah');
  let agentPage: SignedInPage;
  let customerPage: SignedInPage;

  it('makes a ticket of the chat, its note staying the desk’s', async () => {
    agentPage = await suite.signIn(people.agent);
    await goOnline(agentPage);

    customerPage = await suite.signIn(people.customer);
    await startChatWith(agentPage, 'Ama Mensah', customerPage, {
      subject: 'Transcript request',
      message: 'I need an official transcript sent abroad.',
    });

    await agentPage.getByRole('button', { name: 'Note', exact: true }).click();
    const noteBox = agentPage.getByRole('combobox', { name: 'Internal note (only agents see it)' });
    await noteBox.fill(NOTE);
    await noteBox.press('Enter');
    await visible(messageLog(agentPage).locator('.msg-note', { hasText: NOTE }));

    const details = agentPage.getByRole('complementary', { name: 'Chat details' });
    await details.getByRole('button', { name: 'Create ticket' }).click();
    await visible(agentPage.getByText('Ticket #1 created'));
    await details.getByRole('link', { name: 'Ticket #1' }).click();

    await visible(agentPage.getByRole('heading', { name: 'Transcript request' }));
    await visible(agentPage.getByText('I need an official transcript sent abroad.'));
    const note = agentPage.locator('[data-kind="note"]', { hasText: NOTE });
    await visible(note.getByText('Note · only agents see this'));
    expect(agentPage.errors).toEqual([]);
  });

  it('links the chat to its ticket from then on', async () => {
    await agentPage.goBack();
    await agentPage.reload();
    const details = agentPage.getByRole('complementary', { name: 'Chat details' });
    await visible(details.getByRole('link', { name: 'Open the ticket' }));
    expect(await details.getByRole('button', { name: 'Create ticket' }).count()).toBe(0);
  });

  it('shows the customer the request without the note', async () => {
    await customerPage.goto('/requests');
    await customerPage.getByRole('link', { name: /Transcript request/ }).click();
    await visible(customerPage.getByText('I need an official transcript sent abroad.'));
    expect(await customerPage.getByText(NOTE).count()).toBe(0);
    expect(await customerPage.getByText('only agents see this').count()).toBe(0);
    expect(customerPage.errors).toEqual([]);
  });
});
