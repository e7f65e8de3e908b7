// Mail to the desk's mailbox on a real Dovecot, fetched by the importer: new conversations make
// tickets, replies thread onto them (by reply address, references, subject tag), noise is
// recorded and ignored, and each mail is imported once whatever happens between the import and
// marking it seen on the server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { replyAddressFor } from '../../src/domain/mail/replyAddress.js';
import {
  ImapImporter,
  type ImapImporterOptions,
} from '../../src/services/mail/inbound/imapImporter.js';
import { findUserByEmail } from '../../src/storage/repositories/users.js';
import type { Store } from '../../src/storage/store.js';
import { describeEachDatabase } from '../support/databases.js';
import { Dovecot, dovecotAvailable } from '../support/dovecot.js';
import { makeDesk, type Desk } from '../support/ticketDesk.js';
import { newMessageId, rawMail } from './support/mails.js';

const SECRET = 'a-mail-secret-that-is-long-enough-0123';
const silent = { info() {}, warn() {} };
let boxes = 0;

describe.skipIf(!dovecotAvailable())('inbound mail', () => {
  let dovecot: Dovecot;
  beforeAll(async () => {
    dovecot = await Dovecot.start();
  });
  afterAll(async () => {
    await dovecot?.stop();
  });

  describeEachDatabase('importing', (db) => {
    let desk: Desk;
    let store: Store;
    /** This test's desk address (a mailbox of its own). */
    let helpdesk: string;
    beforeEach(async () => {
      store = db();
      desk = await makeDesk(store);
      helpdesk = dovecot.addUser(`helpdesk${++boxes}@uni.example`).address;
    });

    function importer(options: Partial<ImapImporterOptions['settings']> = {}, extra = {}) {
      return new ImapImporter({
        ctx: desk.world.ctx,
        imapUrl: dovecot.imapUrl(helpdesk),
        settings: {
          addresses: [{ address: helpdesk, topicSlug: null }],
          replySecret: SECRET,
          perSenderPerHour: 30,
          pollMs: 1000,
          maxBytes: 1024 * 1024,
          ...options,
        },
        log: silent,
        ...extra,
      });
    }

    async function importAll(options: Partial<ImapImporterOptions['settings']> = {}) {
      const run = importer(options);
      try {
        return await run.runOnce();
      } finally {
        await run.stop();
      }
    }

    const deliver = (raw: string, to = helpdesk, from?: string) => dovecot.deliver(raw, to, from);

    const tickets = () => store.db.selectFrom('tickets').selectAll().orderBy('number').execute();
    const thread = (ticketId: string) =>
      store.db
        .selectFrom('ticket_messages')
        .select(['author_id', 'body', 'kind'])
        .where('ticket_id', '=', ticketId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    const mailRows = () =>
      store.db
        .selectFrom('mail_messages')
        .select(['message_id', 'status', 'reason', 'ticket_id'])
        .where('direction', '=', 'in')
        .orderBy('received_at')
        .execute();

    /** The UIDs the server still holds unseen. */
    const unseen = (): Promise<number[]> =>
      dovecot.imap(helpdesk, async (client) => {
        const lock = await client.getMailboxLock('INBOX');
        try {
          return (await client.search({ seen: false }, { uid: true })) || [];
        } finally {
          lock.release();
        }
      });

    it('makes a new conversation a ticket of a new customer account, and marks it seen', async () => {
      await deliver(
        rawMail({
          from: 'Kwame Asante <Kwame.Asante@student.example>',
          to: helpdesk,
          subject: 'Printer jammed',
          body: 'It jams on every page.\r\n\r\nSent from my iPhone',
        }),
      );
      expect(await importAll()).toEqual({ imported: 1, ignored: 0, duplicates: 0, failed: 0 });

      const kwame = await findUserByEmail(store.db, 'kwame.asante@student.example');
      expect(kwame).toMatchObject({ name: 'Kwame Asante', role: 'user', password_hash: null });
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({
        subject: 'Printer jammed',
        requester_id: kwame!.id,
        channel: 'email',
        status: 'new',
        team_id: desk.finance, // the default topic's team
      });
      expect(await thread(ticket!.id)).toEqual([
        { author_id: kwame!.id, body: 'It jams on every page.', kind: 'reply' },
      ]);
      expect(
        desk.world.published.some(
          ({ frame }) => frame.type === 'ticket.created' && frame.ticketId === ticket!.id,
        ),
      ).toBe(true);
      expect(await unseen()).toEqual([]);
      // The original stays beside the thread, footer and all.
      const original = await store.db
        .selectFrom('mail_messages')
        .select('raw')
        .where('ticket_id', '=', ticket!.id)
        .executeTakeFirstOrThrow();
      expect(Buffer.from(original.raw!).toString()).toContain('Sent from my iPhone');
    });

    it('threads a reply by its reply address, by what it answers and by the subject tag', async () => {
      const first = newMessageId();
      await deliver(rawMail({ from: desk.yaw.email, to: helpdesk, messageId: first }));
      await importAll();
      const [ticket] = await tickets();

      // The reply address our mail carries (delivered to the desk's mailbox by sub-addressing).
      const tokenAddress = replyAddressFor(helpdesk, ticket!.number, SECRET);
      await deliver(
        rawMail({
          from: desk.yaw.email,
          to: tokenAddress,
          subject: 'Re: something else',
          body: 'By token.',
        }),
        tokenAddress,
      );
      // An answer to the first mail, subject changed.
      await deliver(
        rawMail({
          from: desk.yaw.email,
          to: helpdesk,
          subject: 'other words',
          inReplyTo: first,
          references: [first],
          body: 'By references.\r\n\r\nOn Mon, 5 Jan 2026, Yaw wrote:\r\n> The printer',
        }),
      );
      // Only the tag left.
      await deliver(
        rawMail({
          from: desk.yaw.email,
          to: helpdesk,
          subject: `Re: [#${ticket!.number}] Printer`,
          body: 'By tag.',
        }),
      );
      expect(await importAll()).toMatchObject({ imported: 3, failed: 0 });

      expect(await tickets()).toHaveLength(1);
      expect((await thread(ticket!.id)).map((m) => m.body)).toEqual([
        'The printer on floor 2 jams on every page.',
        'By token.',
        'By references.',
        'By tag.',
      ]);
    });

    it('makes a stranger’s mail with someone’s subject tag a ticket of their own', async () => {
      const ticketId = await desk.file(desk.yaw, { subject: 'Refund' });
      const [ticket] = await tickets();
      await deliver(
        rawMail({
          from: 'mallory@elsewhere.example',
          to: helpdesk,
          subject: `Re: [#${ticket!.number}] Refund`,
          body: 'Send the refund to my account instead.',
        }),
      );
      await importAll();
      const all = await tickets();
      expect(all).toHaveLength(2);
      expect((await thread(ticketId)).map((m) => m.body)).toEqual(['Please refund my fees']);
      const mallory = await findUserByEmail(store.db, 'mallory@elsewhere.example');
      expect(all[1]).toMatchObject({ requester_id: mallory!.id, channel: 'email' });
    });

    it('lets an agent who works the ticket answer by its reply address, publicly', async () => {
      const ticketId = await desk.file(desk.yaw, { subject: 'Refund' });
      const [ticket] = await tickets();
      const tokenAddress = replyAddressFor(helpdesk, ticket!.number, SECRET);
      await deliver(
        rawMail({ from: desk.kofi.email, to: tokenAddress, body: 'Refunded today.' }),
        tokenAddress,
      );
      // Efua is in no team: Finance's ticket is not hers to answer.
      await deliver(
        rawMail({ from: desk.efua.email, to: tokenAddress, body: 'Not mine.' }),
        tokenAddress,
      );
      await importAll();
      expect(await thread(ticketId)).toEqual([
        { author_id: desk.yaw.id, body: 'Please refund my fees', kind: 'reply' },
        { author_id: desk.kofi.id, body: 'Refunded today.', kind: 'reply' },
      ]);
      expect((await tickets()).find((t) => t.id !== ticketId)).toMatchObject({
        requester_id: desk.efua.id,
      });
    });

    it('records and ignores auto-replies, bounces, receipts and bulk mail', async () => {
      const from = desk.yaw.email;
      await deliver(rawMail({ from, to: helpdesk, headers: { 'Auto-Submitted': 'auto-replied' } }));
      await deliver(rawMail({ from, to: helpdesk, subject: 'Out of Office: Printer jammed' }));
      await deliver(rawMail({ from, to: helpdesk, headers: { Precedence: 'bulk' } }));
      await deliver(
        rawMail({ from, to: helpdesk, headers: { 'X-Auto-Response-Suppress': 'All' } }),
      );
      // A bounce: the null return path, from the mailer daemon, as a delivery report.
      await deliver(
        [
          'From: Mail Delivery System <MAILER-DAEMON@mx.uni.example>',
          `To: ${helpdesk}`,
          'Subject: Undelivered Mail Returned to Sender',
          'Message-ID: <bounce1@mx.uni.example>',
          'MIME-Version: 1.0',
          'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
          '',
          '--b1',
          'Content-Type: text/plain',
          '',
          'Your mail could not be delivered.',
          '--b1',
          'Content-Type: message/delivery-status',
          '',
          'Reporting-MTA: dns; mx.uni.example',
          '',
          'Final-Recipient: rfc822; gone@student.example',
          'Action: failed',
          'Status: 5.1.1',
          '--b1--',
          '',
        ].join('\r\n'),
        helpdesk,
        '',
      );
      // Our own mail come back.
      await deliver(rawMail({ from: helpdesk, to: helpdesk }));
      expect(await importAll()).toEqual({ imported: 0, ignored: 6, duplicates: 0, failed: 0 });
      expect(await tickets()).toEqual([]);
      expect((await mailRows()).map((row) => row.reason)).toEqual([
        'auto_submitted',
        'out_of_office',
        'bulk',
        'auto_response_suppress',
        'bounce',
        'own_address',
      ]);
      expect(await unseen()).toEqual([]);
    });

    it('imports a mail delivered twice once', async () => {
      const raw = rawMail({ from: desk.yaw.email, to: helpdesk });
      await deliver(raw);
      await deliver(raw);
      expect(await importAll()).toEqual({ imported: 1, ignored: 0, duplicates: 1, failed: 0 });
      // Delivered again later, after its import.
      await deliver(raw);
      expect(await importAll()).toEqual({ imported: 0, ignored: 0, duplicates: 1, failed: 0 });
      expect(await tickets()).toHaveLength(1);
      expect(await unseen()).toEqual([]);
    });

    it('loses nothing and imports nothing twice when it dies between commit and marking', async () => {
      for (let i = 1; i <= 4; i++) {
        await deliver(rawMail({ from: desk.yaw.email, to: helpdesk, subject: `Mail ${i}` }));
      }
      let committed = 0;
      const crashing = importer(
        {},
        {
          afterImport: () => {
            if (++committed === 2) throw new Error('killed after the commit, before \\Seen');
          },
        },
      );
      await expect(crashing.runOnce()).rejects.toThrow('killed after the commit');
      await crashing.stop();
      expect((await tickets()).map((t) => t.subject)).toEqual(['Mail 1', 'Mail 2']);
      expect(await unseen()).toHaveLength(3);

      expect(await importAll()).toEqual({ imported: 2, ignored: 0, duplicates: 1, failed: 0 });
      expect((await tickets()).map((t) => t.subject)).toEqual([
        'Mail 1',
        'Mail 2',
        'Mail 3',
        'Mail 4',
      ]);
      expect(await unseen()).toEqual([]);
    });

    it('imports malformed mail, or records it, and goes on with the batch', async () => {
      const from = desk.yaw.email;
      // No Message-ID: one is made from its bytes, the same on every fetch.
      await deliver(rawMail({ from, to: helpdesk, subject: 'No id', messageId: null }));
      // A charset nobody knows.
      await deliver(
        rawMail({ from, to: helpdesk, subject: 'Charset', body: 'plain words' }).replace(
          'charset=utf-8',
          'charset=x-no-such-charset',
        ),
      );
      // A multipart mail whose boundary never comes.
      await deliver(
        [
          `From: ${from}`,
          `To: ${helpdesk}`,
          'Subject: Broken MIME',
          'Message-ID: <broken1@client.example>',
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="never"',
          '',
          'text before any part',
          '--never',
          'Content-Type: text/plain',
          'Content-Transfer-Encoding: base64',
          '',
          '!!!not base64!!!',
          '',
        ].join('\r\n'),
      );
      // A header of 200 kB.
      await deliver(
        rawMail({
          from,
          to: helpdesk,
          subject: 'Huge header',
          headers: { 'X-Junk': 'x'.repeat(200_000) },
        }),
      );
      // Above the size limit: recorded from its envelope, never downloaded.
      await deliver(
        rawMail({ from, to: helpdesk, subject: 'Too large', body: 'y'.repeat(300_000) }),
      );
      await deliver(rawMail({ from, to: helpdesk, subject: 'Last' }));

      const report = await importAll({ maxBytes: 250_000 });
      expect(report).toMatchObject({ failed: 0, ignored: 1 });
      const subjects = (await tickets()).map((t) => t.subject);
      expect(subjects).toEqual(expect.arrayContaining(['No id', 'Charset', 'Huge header', 'Last']));
      expect(subjects).not.toContain('Too large');
      expect((await mailRows()).find((row) => row.reason === 'too_large')).toBeDefined();
      expect(await unseen()).toEqual([]);
      // Fetched again, nothing is imported twice.
      expect(await importAll({ maxBytes: 250_000 })).toEqual({
        imported: 0,
        ignored: 0,
        duplicates: 0,
        failed: 0,
      });
    });

    it('limits the mails one sender may send per hour', async () => {
      for (let i = 1; i <= 3; i++) {
        await deliver(rawMail({ from: desk.yaw.email, to: helpdesk, subject: `Flood ${i}` }));
      }
      expect(await importAll({ perSenderPerHour: 2 })).toMatchObject({ imported: 2, ignored: 1 });
      expect((await mailRows()).map((row) => row.reason)).toEqual([null, null, 'rate_limited']);
    });
  });
});
