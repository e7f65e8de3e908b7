// A node with IMAP_URL set, on a real Dovecot: mail to the desk becomes a ticket that reaches an
// agent's socket live (the importer idles on the mailbox, so no poll is waited for), and the
// customer's answer to the desk's mail (its Message-ID recorded as the outbox sends it) joins
// the same ticket. `checkImap` says in plain words what is wrong with a mailbox setting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImap } from '../../src/services/mail/inbound/imapMailbox.js';
import { recordOutboundMessageId } from '../../src/storage/repositories/mail/inbound.js';
import { freePort } from '../cluster/support/ports.js';
import { describeEachDatabase } from '../support/databases.js';
import { Dovecot, dovecotAvailable } from '../support/dovecot.js';
import { startTestNode, type TestNode } from '../support/testNode.js';
import { rawMail } from './support/mails.js';

let boxes = 0;

describe.skipIf(!dovecotAvailable())('mail to a running node', () => {
  let dovecot: Dovecot;
  beforeAll(async () => {
    dovecot = await Dovecot.start();
  });
  afterAll(async () => {
    await dovecot?.stop();
  });

  describeEachDatabase('live', (db) => {
    let server: TestNode;
    let helpdesk: string;
    beforeAll(async () => {
      helpdesk = dovecot.addUser(`live${++boxes}@uni.example`).address;
      server = await startTestNode(db(), {
        IMAP_URL: dovecot.imapUrl(helpdesk),
        // Long enough that only IDLE can bring the mail in within the test.
        IMAP_POLL_SECONDS: '600',
        MAIL_REPLY_SECRET: 'a-mail-secret-that-is-long-enough-0123',
      });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('shows a mailed request to the agents at once, and threads the answer to our mail', async () => {
      const ama = await server.signUp('Ama', 'admin');
      const socket = await ama.socket();
      try {
        await socket.waitFor((f) => f.type === 'hello');
        await dovecot.deliver(
          rawMail({ from: 'Esi <esi@student.example>', to: helpdesk, subject: 'Wi-Fi down' }),
          helpdesk,
        );
        const created = await socket.waitFor((f) => f.type === 'ticket.created', {
          timeoutMs: 30_000,
        });
        const ticketId = (created as { ticketId: string }).ticketId;
        const listed = await ama.get(`/api/v1/tickets/${ticketId}`);
        expect(listed.body).toMatchObject({ subject: 'Wi-Fi down', channel: 'email' });

        // The desk answers; the outbox records the Message-ID of the mail it sends.
        const reply = await ama.post(`/api/v1/tickets/${ticketId}/messages`, {
          kind: 'reply',
          body: 'Try again now.',
        });
        expect(reply.status).toBe(201);
        await recordOutboundMessageId(server.node.ctx.store.db, {
          messageId: '<reply-1@switchboard.uni.example>',
          ticketId,
          ticketMessageId: reply.body.id,
        });
        const from = socket.frames.length;
        await dovecot.deliver(
          rawMail({
            from: 'esi@student.example',
            to: helpdesk,
            subject: 'Re: Wi-Fi down',
            inReplyTo: 'reply-1@switchboard.uni.example',
            body: 'Works, thanks!\r\n\r\nOn Mon, IT Desk wrote:\r\n> Try again now.',
          }),
          helpdesk,
        );
        await socket.waitFor((f) => f.type === 'ticket.message' && f.ticketId === ticketId, {
          from,
          timeoutMs: 30_000,
        });
        const thread = await ama.get(`/api/v1/tickets/${ticketId}/messages`);
        expect(thread.body.items.map((m: { body: string }) => m.body)).toEqual([
          'The printer on floor 2 jams on every page.',
          'Try again now.',
          'Works, thanks!',
        ]);
      } finally {
        socket.close();
      }
    });
  });

  it('checks a mailbox setting and says what is wrong', async () => {
    const { address } = dovecot.addUser(`check${++boxes}@uni.example`);
    expect(await checkImap(dovecot.imapUrl(address))).toMatchObject({ ok: true });
    expect(await checkImap(dovecot.imapUrl(address).replace(':secret@', ':wrong@'))).toEqual({
      ok: false,
      problem: `127.0.0.1:${dovecot.imapPort} refused the password of ${address}`,
    });
    expect(await checkImap(dovecot.imapUrl(address, 'Nowhere'))).toEqual({
      ok: false,
      problem: `127.0.0.1:${dovecot.imapPort} has no folder "Nowhere"`,
    });
    const closed = await freePort();
    expect(await checkImap(`imap://a:b@127.0.0.1:${closed}/INBOX`)).toEqual({
      ok: false,
      problem: `nothing answers at 127.0.0.1:${closed} (is the IMAP server running, is the port right?)`,
    });
  });
});
