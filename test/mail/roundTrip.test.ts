// The whole loop through real mail servers: a customer mails the desk (delivered into Dovecot) →
// the node's importer, idling on the desk's mailbox, makes a ticket that reaches the agent's
// socket live → the agent replies → the outbox sends it over SMTP to a relay that hands it to
// Dovecot, into the customer's own mailbox, where the customer reads it over IMAP with its
// headers → the customer answers that mail, and the answer threads onto the same ticket: once
// by its In-Reply-To, once by the signed reply address alone (a mail client that drops the
// thread headers and the subject tag).
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { Dovecot, dovecotAvailable } from '../support/dovecot.js';
import { SmtpSink } from '../support/smtpSink.js';
import { startTestNode, type TestNode } from '../support/testNode.js';
import { rawMail } from './support/mails.js';

let boxes = 0;

/** The mails in `address`'s Dovecot INBOX, parsed, oldest first. */
async function mailboxOf(dovecot: Dovecot, address: string): Promise<ParsedMail[]> {
  return dovecot.imap(address, async (client) => {
    const lock = await client.getMailboxLock('INBOX');
    try {
      // An empty mailbox has no message 1 to fetch from.
      if (client.mailbox === false || client.mailbox.exists === 0) return [];
      const sources: Buffer[] = [];
      for await (const message of client.fetch('1:*', { source: true })) {
        if (message.source) sources.push(message.source);
      }
      return await Promise.all(sources.map((source) => simpleParser(source)));
    } finally {
      lock.release();
    }
  });
}

/** Waits (reading the mailbox again, at most `timeoutMs`) for a mail that `matches`. */
async function waitForMail(
  dovecot: Dovecot,
  address: string,
  matches: (mail: ParsedMail) => boolean,
  timeoutMs = 30_000,
): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await mailboxOf(dovecot, address)).find(matches);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no such mail reached ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const header = (mail: ParsedMail, name: string): string | undefined => {
  const line = mail.headerLines.find((l) => l.key === name.toLowerCase())?.line;
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\r?\n\s+/g, ' ')
    .trim();
};

describe.skipIf(!dovecotAvailable())('a ticket by mail, both ways, through real servers', () => {
  let dovecot: Dovecot;
  let relay: SmtpSink;
  beforeAll(async () => {
    dovecot = await Dovecot.start();
    // The desk's SMTP server: what it accepts for a mailbox Dovecot holds, it delivers there
    // over LMTP; mail for anyone else (the agents' notices) it only keeps.
    relay = await SmtpSink.start({
      relay: async (raw, to, from) => {
        const local = to.filter((address) => address.endsWith('@student.example'));
        if (local.length > 0) await dovecot.deliver(raw, local, from);
      },
    });
  });
  afterAll(async () => {
    await relay?.stop();
    await dovecot?.stop();
  });

  describeEachDatabase('round trip', (db) => {
    let server: TestNode;
    let helpdesk: string;
    let customer: string;
    beforeAll(async () => {
      const n = ++boxes;
      helpdesk = dovecot.addUser(`helpdesk${n}@uni.example`).address;
      customer = dovecot.addUser(`esi${n}@student.example`).address;
      server = await startTestNode(db(), {
        IMAP_URL: dovecot.imapUrl(helpdesk),
        // Long enough that only IDLE can bring the mail in within the test.
        IMAP_POLL_SECONDS: '600',
        SMTP_URL: relay.url,
        MAIL_FROM: `IT Desk <${helpdesk}>`,
        PUBLIC_URL: 'https://help.uni.example',
        MAIL_REPLY_SECRET: 'a-mail-secret-that-is-long-enough-0123',
      });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('brings the agent the mail, the customer the reply, and the answer back to the ticket', async () => {
      const ama = await server.signUp('Ama', 'admin');
      const socket = await ama.socket();
      try {
        await socket.waitFor((f) => f.type === 'hello');
        await dovecot.deliver(
          rawMail({
            from: `Esi Mensah <${customer}>`,
            to: helpdesk,
            subject: 'Wi-Fi down in the library',
            messageId: `first.${customer}`,
            body: 'The Wi-Fi in the library drops every few minutes.',
          }),
          helpdesk,
        );
        const created = await socket.waitFor((f) => f.type === 'ticket.created', {
          timeoutMs: 30_000,
        });
        const ticketId = (created as { ticketId: string }).ticketId;
        const ticket = await ama.get(`/api/v1/tickets/${ticketId}`);
        expect(ticket.body).toMatchObject({
          subject: 'Wi-Fi down in the library',
          channel: 'email',
        });
        const number = (ticket.body as { number: number }).number;
        const tag = `[#${number}]`;

        // The acknowledgment reaches the customer's mailbox: automatic, tagged, in the thread.
        const ack = await waitForMail(
          dovecot,
          customer,
          (m) => header(m, 'Auto-Submitted') !== undefined,
        );
        expect(ack.subject).toContain(tag);
        expect(header(ack, 'Auto-Submitted')).toBe('auto-generated');
        expect(ack.inReplyTo).toBe(`<first.${customer}>`);

        // The agent answers; the outbox sends it through the relay into the customer's mailbox.
        const reply = await ama.post(`/api/v1/tickets/${ticketId}/messages`, {
          kind: 'reply',
          body: 'We restarted the access point; try again now.',
        });
        expect(reply.status).toBe(201);
        const answer = await waitForMail(dovecot, customer, (m) =>
          (m.text ?? '').includes('We restarted the access point'),
        );
        expect(answer.subject).toContain(tag);
        expect(answer.from?.value[0]?.address).toBe(helpdesk);
        expect(answer.to && 'value' in answer.to ? answer.to.value[0]?.address : null).toBe(
          customer,
        );
        // Written by a person: no Auto-Submitted; a reply in the customer's thread.
        expect(header(answer, 'Auto-Submitted')).toBeUndefined();
        expect(answer.inReplyTo).toBeTruthy();
        expect(header(answer, 'References')).toContain(`<first.${customer}>`);
        // The Reply-To carries the ticket, signed.
        const replyTo =
          answer.replyTo && 'value' in answer.replyTo
            ? answer.replyTo.value[0]?.address
            : undefined;
        expect(replyTo).toMatch(
          new RegExp(`^${helpdesk.split('@')[0]}\\+${number}\\.[^@]+@uni\\.example$`),
        );
        expect(answer.messageId).toMatch(/^<.+@.+>$/);
        // The answer's mailbox holds the acknowledgment and the reply, nothing twice.
        expect(await mailboxOf(dovecot, customer)).toHaveLength(2);

        // The customer answers the desk's mail: threaded by In-Reply-To onto the same ticket.
        let from = socket.frames.length;
        await dovecot.deliver(
          rawMail({
            from: customer,
            to: replyTo!,
            subject: `Re: ${answer.subject}`,
            inReplyTo: answer.messageId!.slice(1, -1),
            references: [`first.${customer}`, answer.messageId!.slice(1, -1)],
            body: `Works now, thanks!\r\n\r\nOn Mon, IT Desk wrote:\r\n> We restarted the access point; try again now.`,
          }),
          helpdesk,
          customer,
        );
        await socket.waitFor((f) => f.type === 'ticket.message' && f.ticketId === ticketId, {
          from,
          timeoutMs: 30_000,
        });

        // A client that keeps only the reply address (no thread headers, no tag): still threads.
        from = socket.frames.length;
        await dovecot.deliver(
          rawMail({
            from: customer,
            to: replyTo!,
            subject: 'One more thing',
            body: 'It dropped once more at noon.',
          }),
          helpdesk,
          customer,
        );
        await socket.waitFor((f) => f.type === 'ticket.message' && f.ticketId === ticketId, {
          from,
          timeoutMs: 30_000,
        });

        const thread = await ama.get(`/api/v1/tickets/${ticketId}/messages`);
        expect(thread.body.items.map((m: { body: string }) => m.body)).toEqual([
          'The Wi-Fi in the library drops every few minutes.',
          'We restarted the access point; try again now.',
          'Works now, thanks!',
          'It dropped once more at noon.',
        ]);
        const tickets = await ama.get('/api/v1/tickets');
        expect((tickets.body as { items: unknown[] }).items).toHaveLength(1);
      } finally {
        socket.close();
      }
    });
  });
});
