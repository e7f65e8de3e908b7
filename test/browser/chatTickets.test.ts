// Chats nobody answered become requests, seen from the customer's browser: a chat still waiting
// past UNANSWERED_CHAT_TICKET_MINUTES ends with the request's number and a link to it (the sweep
// run here with the clock moved on), and a waiting chat the customer ends, with
// ABANDONED_CHAT_TICKETS on, links to its request too.
import { expect, it } from 'vitest';
import { ticketUnansweredChats } from '../../src/services/tickets/unansweredChatTickets.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import { startChat } from './support/scenes.js';
import { messageLog, visible, type SignedInPage } from './support/ui.js';

describeInBrowser('chats that become requests', () => {
  const suite = useServerAndBrowser({ ABANDONED_CHAT_TICKETS: 'true' });
  const pages: SignedInPage[] = [];

  it('ends a chat nobody answered in time and leads its customer to the request', async () => {
    const customer = await suite.server.person('Yaw Asante');
    const page = await suite.signIn(customer);
    pages.push(page);
    await startChat(page, { subject: 'Lost student card', message: 'I lost my student card.' });
    await visible(page.getByRole('button', { name: 'End chat' }));

    const { ctx } = suite.server.node;
    const later = Date.now() + 10 * 60_000;
    const filed = await ticketUnansweredChats({
      ...ctx,
      clock: { now: () => later },
      settings: { ...ctx.settings, unansweredChatTicketMs: 5 * 60_000 },
    });
    expect(filed).toHaveLength(1);
    await visible(
      messageLog(page).getByText(
        `No one could answer in time — we've made request #${filed[0]!.number}; we'll reply there`,
      ),
    );
    await page.getByRole('link', { name: 'See your request' }).click();
    await visible(page.getByRole('heading', { name: /Lost student card/ }));
    await visible(page.getByText('I lost my student card.'));
  });

  it('files a waiting chat its customer ends, and links to it', async () => {
    const customer = await suite.server.person('Abena Owusu');
    const page = await suite.signIn(customer);
    pages.push(page);
    await startChat(page, { subject: 'Exam timetable', message: 'When is my exam?' });
    await page.getByRole('button', { name: 'End chat' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'End chat' }).click();
    await visible(page.getByText(/This chat is now a request/));
    await page.getByRole('link', { name: 'See your request' }).click();
    await visible(page.getByText(/You left the chat before anyone could answer/));
  });

  it('raised no errors in any page', () => {
    for (const page of pages) expect(page.errors).toEqual([]);
  });
});
