// The survey after a ticket is solved, in the browser: the desk solves the request, the mail
// with the link arrives at a real SMTP server, the requester opens it without signing in and
// rates the help once, and the agent then sees the rating on the ticket's page; a super admin
// downloads the tickets, rating included, from the Reports page.
import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { createTicket } from '../../src/services/tickets/ticketCreator.js';
import { updateTicket } from '../../src/services/tickets/ticketUpdater.js';
import { CreateTicketBody } from '../../src/shared/ticketsApi.js';
import { SmtpSink } from '../support/smtpSink.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import { visible } from './support/ui.js';

const sink = await SmtpSink.start();
afterAll(() => sink.stop());

describeInBrowser('ticket survey', () => {
  const suite = useServerAndBrowser({
    SMTP_URL: sink.url,
    MAIL_FROM: 'Campus Help <help@desk.test>',
    PUBLIC_URL: 'http://desk.test',
    DESK_NAME: 'Campus Help',
  });

  it('lets the requester rate a solved request from the mailed link, once', async () => {
    const ctx = suite.server.node.ctx;
    const esi = await suite.server.person('Esi Owusu', 'admin');
    const yaw = await suite.server.person('Yaw Mensah');
    const ticket = await createTicket(ctx, {
      viewer: yaw,
      body: CreateTicketBody.parse({ subject: 'Lost student card', message: 'I lost my card' }),
    });
    await updateTicket(ctx, {
      viewer: esi,
      ticketId: ticket.row.id,
      changes: { assigneeId: esi.id, status: 'solved' },
    });

    // The survey comes with the others of the request (acknowledgment, solved, agents' notices).
    const withLink = (mail: { parsed: { text?: string | undefined } }) =>
      (mail.parsed.text ?? '').includes('/ticket-survey?token=');
    let count = 1;
    while (!sink.mails.some(withLink)) await sink.waitForMails(++count);
    const survey = sink.mails.find(withLink);
    expect(survey!.to).toEqual([yaw.email]);
    const link = /http:\/\/desk\.test(\/ticket-survey\?token=[\w-]+)/.exec(
      survey!.parsed.text ?? '',
    );
    expect(link).not.toBeNull();

    const page = await suite.openPage();
    await page.goto(link![1]!);
    await visible(page.getByText(`#${ticket.row.number} Lost student card`));
    await page.getByRole('radio', { name: /4 of 5/ }).check();
    await page.getByLabel('Anything you would like to add?').fill('Quick, thank you');
    await page.getByRole('button', { name: 'Send my rating' }).click();
    await visible(page.getByText('Thank you for your feedback'));
    await visible(page.getByRole('img', { name: 'Rated 4 out of 5' }));

    // Opened again: answered, with no form to send twice.
    await page.reload();
    await visible(page.getByText('Thank you for your feedback'));
    expect(await page.getByRole('button', { name: 'Send my rating' }).count()).toBe(0);
    expect(page.errors).toEqual([]);

    const desk = await suite.signIn(esi);
    await desk.goto(`/tickets/${ticket.row.number}`);
    const panel = desk.getByRole('complementary', { name: 'Ticket details' });
    await visible(panel.getByRole('img', { name: 'Rated 4 out of 5' }));
    await visible(panel.getByText('Quick, thank you'));
    expect(desk.errors).toEqual([]);
  });

  it('downloads the tickets of the period as CSV from the Reports page, with the rating', async () => {
    const admin = await suite.server.person('Ada Admin', 'super_admin');
    const page = await suite.signIn(admin);
    await page.goto('/reports');
    const link = page.getByRole('link', { name: 'Download tickets (CSV)' });
    await visible(link);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^tickets-.*\.csv$/);
    const csv = fs
      .readFileSync((await download.path())!, 'utf8')
      .trimEnd()
      .split('\n');
    expect(csv[0]).toMatch(/^number,created,subject,/);
    expect(csv.slice(1)).toEqual([
      expect.stringMatching(/^1,.*,Lost student card,Yaw Mensah,.*,4$/),
    ]);
    expect(page.errors).toEqual([]);
  });
});
