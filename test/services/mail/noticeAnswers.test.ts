// An agent answering one of their notices by mail: the notice's Reply-To is the ticket's signed
// note address, and the answer becomes an internal note on the ticket (never public, never
// mailed to the requester), only from an agent who may work it; anyone else's is ignored.
import { expect, it } from 'vitest';
import type { MailHeaders } from '../../../src/domain/mail/messageHeaders.js';
import { parseReplyAddress } from '../../../src/domain/mail/replyAddress.js';
import type { ServiceSettings } from '../../../src/services/context.js';
import { importMail } from '../../../src/services/mail/inbound/mailImporter.js';
import type { MailKind } from '../../../src/shared/vocabulary.js';
import { listTicketMessages } from '../../../src/services/tickets/ticketReader.js';
import { rawMail } from '../../mail/support/mails.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeDesk, type Desk } from '../../support/ticketDesk.js';
import { makeWorld, testSettings } from '../../support/world.js';

const SECRET = 'a-mail-secret-that-is-long-enough-0123';
const HELPDESK = 'help@desk.test';
const inbound = {
  addresses: [{ address: HELPDESK, topicSlug: null }],
  replySecret: SECRET,
  perSenderPerHour: 10,
};

const settings = (): Partial<ServiceSettings> => ({
  mail: { ...testSettings.mail!, replyAddress: { base: HELPDESK, secret: SECRET } },
});

async function mailsOf(desk: Desk, kind: MailKind) {
  const rows = await desk.world.ctx.store.db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('kind', '=', kind)
    .execute();
  return rows.map((row) => ({
    to: row.recipient,
    headers: JSON.parse(row.headers) as MailHeaders,
  }));
}

/** A ticket of Yaw's for Finance, whose agents Kofi and Esi got the new-ticket notice. */
async function noticed(desk: Desk) {
  const id = await desk.file(desk.yaw, { subject: 'Refund', message: 'I paid twice' });
  const notice = (await mailsOf(desk, 'ticket_new')).find((mail) => mail.to === desk.kofi.email)!;
  return { id, noteAddress: notice.headers['Reply-To']! };
}

describeEachDatabase('answers to agent notices', (db) => {
  it('gives a notice the ticket’s note address, which is no reply address', async () => {
    const desk = await makeDesk(db(), makeWorld(db(), settings()));
    const { noteAddress } = await noticed(desk);
    expect(parseReplyAddress(noteAddress, HELPDESK, SECRET, 'note')).toBe(1);
    expect(parseReplyAddress(noteAddress, HELPDESK, SECRET)).toBeNull();
  });

  it('makes an agent’s answer an internal note on the ticket, mailed to no customer', async () => {
    const desk = await makeDesk(db(), makeWorld(db(), settings()));
    const { id, noteAddress } = await noticed(desk);
    const outcome = await importMail(desk.world.ctx, inbound, {
      mailbox: 'test',
      raw: Buffer.from(
        rawMail({
          from: desk.kofi.email,
          to: noteAddress,
          subject: 'Re: [#1] Refund',
          body: 'Checked the ledger: paid twice.',
          headers: { Cc: 'someone@home.example' },
        }),
      ),
    });
    expect(outcome).toMatchObject({ status: 'processed', ticketId: id, created: false });
    const { records } = await listTicketMessages(desk.world.ctx, desk.kofi, id, { limit: 50 });
    expect(records.at(-1)).toMatchObject({
      row: { kind: 'note', body: 'Checked the ledger: paid twice.', author_id: desk.kofi.id },
    });
    expect(await mailsOf(desk, 'ticket_reply')).toEqual([]);
    const ccs = await db().db.selectFrom('ticket_ccs').selectAll().execute();
    expect(ccs).toEqual([]);
  });

  it('ignores an answer to the note address from anyone who may not work the ticket', async () => {
    const desk = await makeDesk(db(), makeWorld(db(), settings()));
    const { id, noteAddress } = await noticed(desk);
    // Ama works in IT, not Finance; Yaw is the requester, a customer.
    for (const from of [desk.ama.email, desk.yaw.email, 'stranger@home.example']) {
      const outcome = await importMail(desk.world.ctx, inbound, {
        mailbox: 'test',
        raw: Buffer.from(rawMail({ from, to: noteAddress, subject: 'Re: [#1] Refund' })),
      });
      expect(outcome).toEqual({ status: 'ignored', reason: 'notice_answer_refused' });
    }
    const { records } = await listTicketMessages(desk.world.ctx, desk.ada, id, { limit: 50 });
    expect(records).toHaveLength(1);
    const tickets = await db().db.selectFrom('tickets').select('id').execute();
    expect(tickets).toHaveLength(1);
  });
});
