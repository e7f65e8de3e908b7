// A ticket's CCs: the Cc addresses of the mail that opened it (not the desk's own), seen and set
// by its agents, copied on the desk's public replies (never a note, never a deactivated
// account's address; the Cc header on the mail the SMTP server gets), and their answers by mail
// threading onto the ticket as their own public messages, though they do not see it in the portal.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MailHeaders } from '../../../src/domain/mail/messageHeaders.js';
import { smtpTransport } from '../../../src/mail/transport.js';
import { updateAccount } from '../../../src/services/accounts/accounts.js';
import type { ServiceSettings } from '../../../src/services/context.js';
import { importMail } from '../../../src/services/mail/inbound/mailImporter.js';
import { OutboxWorker } from '../../../src/services/mail/outbox/outboxWorker.js';
import { readTicketCcs, setTicketCcs } from '../../../src/services/tickets/ticketCcs.js';
import { getTicket, listTicketMessages } from '../../../src/services/tickets/ticketReader.js';
import { findUserByEmail } from '../../../src/storage/repositories/users.js';
import { rawMail } from '../../mail/support/mails.js';
import { describeEachDatabase } from '../../support/databases.js';
import { SmtpSink } from '../../support/smtpSink.js';
import { makeDesk, refusal, type Desk } from '../../support/ticketDesk.js';
import { makeWorld, testSettings } from '../../support/world.js';

const SECRET = 'a-mail-secret-that-is-long-enough-0123';
const HELPDESK = 'help@desk.test';
const inbound = {
  addresses: [{ address: HELPDESK, topicSlug: null }],
  replySecret: SECRET,
  perSenderPerHour: 10,
};

let sink: SmtpSink;
beforeAll(async () => {
  sink = await SmtpSink.start();
});
afterAll(() => sink.stop());

const settings = (): Partial<ServiceSettings> => ({
  mail: { ...testSettings.mail!, replyAddress: { base: HELPDESK, secret: SECRET } },
});

const mailIn = (desk: Desk, raw: string) =>
  importMail(desk.world.ctx, inbound, { mailbox: 'test', raw: Buffer.from(raw) });

async function replies(desk: Desk): Promise<Array<{ to: string; headers: MailHeaders }>> {
  const rows = await desk.world.ctx.store.db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('kind', '=', 'ticket_reply')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    to: row.recipient,
    headers: JSON.parse(row.headers) as MailHeaders,
  }));
}

/** Yaw writes to the desk copying Kwame (no account yet), the desk itself and Abena. */
async function ticketWithCcs(desk: Desk): Promise<string> {
  const outcome = await mailIn(
    desk,
    rawMail({
      from: desk.yaw.email,
      to: HELPDESK,
      headers: { Cc: `Kwame <Kwame@Home.example>, help+9.abc@desk.test, ${desk.abena.email}` },
    }),
  );
  if (outcome.status !== 'processed') throw new Error(outcome.status);
  return outcome.ticketId;
}

describeEachDatabase('ticket CCs', (db) => {
  it('takes the Cc of the mail that opened the ticket, without the desk, for its agents', async () => {
    const desk = await makeDesk(db(), makeWorld(db(), settings()));
    const id = await ticketWithCcs(desk);
    const ccs = await readTicketCcs(desk.world.ctx, desk.ada, id);
    // In the order added; those of one mail by address.
    expect(ccs.map((cc) => cc.email)).toEqual([desk.abena.email, 'kwame@home.example']);
    expect(ccs[0]!.user).toMatchObject({ id: desk.abena.id });
    expect(ccs[1]!.user).toBeNull();
    expect(await refusal(readTicketCcs(desk.world.ctx, desk.yaw, id))).toBe('FORBIDDEN');
    const set = await setTicketCcs(desk.world.ctx, {
      viewer: desk.ada,
      ticketId: id,
      emails: ['new@home.example', desk.yaw.email, HELPDESK, 'kwame@home.example'],
    });
    expect(set.map((cc) => cc.email).sort()).toEqual(['kwame@home.example', 'new@home.example']);
  });

  it('copies the desk’s public reply to the CCs, never a note, never a deactivated account', async () => {
    const desk = await makeDesk(db(), makeWorld(db(), settings()));
    const id = await ticketWithCcs(desk);
    await desk.note(desk.ada, id, 'Internal only');
    await updateAccount(desk.world.ctx, desk.ada, desk.abena.id, { isActive: false });
    await desk.reply(desk.ada, id, 'We are on it.');
    const [reply, ...others] = await replies(desk);
    expect(others).toEqual([]);
    expect(reply).toMatchObject({ to: desk.yaw.email });
    expect(reply!.headers.Cc).toBe('kwame@home.example');
    const worker = new OutboxWorker(
      desk.world.ctx,
      desk.world.ctx.settings.mail!,
      smtpTransport({ smtpUrl: sink.url, tlsRejectUnauthorized: true, timeoutMs: 10_000 }),
      {
        onError: (error) => {
          throw error;
        },
      },
    );
    sink.mails.length = 0;
    await worker.drain();
    await worker.stop();
    const sent = sink.mails.find((mail) => mail.parsed.text?.includes('We are on it.'))!;
    expect(sent.header('Cc')).toBe('kwame@home.example');
    expect(sent.to.sort()).toEqual([desk.yaw.email, 'kwame@home.example'].sort());
    // The acknowledgment and the agents' notices copy nobody.
    expect(sink.mails.filter((mail) => mail.header('Cc') !== undefined)).toHaveLength(1);
  });

  it('threads a CC’s answer onto the ticket as theirs, without showing them the ticket', async () => {
    const desk = await makeDesk(db(), makeWorld(db(), settings()));
    const id = await ticketWithCcs(desk);
    await desk.reply(desk.ada, id, 'We are on it.');
    const [reply] = await replies(desk);
    const answer = await mailIn(
      desk,
      rawMail({
        from: 'Kwame <kwame@home.example>',
        to: reply!.headers['Reply-To']!,
        subject: 'Re: [#1] Printer jammed',
        body: 'It jams for me too.',
      }),
    );
    expect(answer).toMatchObject({ status: 'processed', ticketId: id, created: false });
    const kwame = (await findUserByEmail(db().db, 'kwame@home.example'))!;
    expect(kwame).toMatchObject({ role: 'user', name: 'Kwame' });
    const { records } = await listTicketMessages(desk.world.ctx, desk.ada, id, { limit: 50 });
    expect(records.at(-1)).toMatchObject({
      row: { kind: 'reply', body: 'It jams for me too.', author_id: kwame.id },
    });
    // Their answer is theirs to the desk: the requester gets no "reply from the desk" of it.
    expect(await replies(desk)).toHaveLength(1);
    const viewer = { id: kwame.id, role: kwame.role };
    expect(await refusal(getTicket(desk.world.ctx, viewer, id))).toBe('NOT_FOUND');
    // The CC's account is linked to the address now.
    const ccs = await readTicketCcs(desk.world.ctx, desk.ada, id);
    expect(ccs.find((cc) => cc.email === 'kwame@home.example')!.user).toMatchObject({
      id: kwame.id,
    });
  });

  it('makes a new ticket of an answer from someone who is not (or no longer) a CC', async () => {
    const desk = await makeDesk(db(), makeWorld(db(), settings()));
    const id = await ticketWithCcs(desk);
    await desk.reply(desk.ada, id, 'We are on it.');
    const [reply] = await replies(desk);
    await setTicketCcs(desk.world.ctx, { viewer: desk.ada, ticketId: id, emails: [] });
    const answer = await mailIn(
      desk,
      rawMail({ from: 'kwame@home.example', to: reply!.headers['Reply-To']!, subject: 'Re: x' }),
    );
    expect(answer).toMatchObject({ status: 'processed', created: true });
    expect(answer.status === 'processed' && answer.ticketId).not.toBe(id);
  });
});
