// The mail about tickets, queued in the transaction of the change, read back from the outbox:
// the requester's acknowledgment, the desk's replies and the ticket solved (tagged, threaded,
// with the signed Reply-To), the agents' notices (new ticket, assignment, mention, SLA) with
// List-Unsubscribe; none for a note, none to whoever acted, none when turned off or without SMTP.
import { expect, it } from 'vitest';
import type { MailHeaders } from '../../../src/domain/mail/messageHeaders.js';
import { parseReplyAddress } from '../../../src/domain/mail/replyAddress.js';
import { setNotificationPreferences } from '../../../src/services/accounts/notificationPreferences.js';
import type { ServiceSettings } from '../../../src/services/context.js';
import { importMail } from '../../../src/services/mail/inbound/mailImporter.js';
import { mailSlaAlerts } from '../../../src/services/mail/ticketMail/agentNotices.js';
import { assignSession } from '../../../src/services/sessions/chatAssigner.js';
import { createTicketFromChat } from '../../../src/services/tickets/chatTicketer.js';
import { closeSolvedTickets } from '../../../src/services/tickets/ticketAutoCloser.js';
import { createSlaPolicy } from '../../../src/services/tickets/slaPolicies.js';
import { sweepSlaAlerts } from '../../../src/services/tickets/ticketSlaSweeper.js';
import { MAIL_NOTICE_DEFAULTS } from '../../../src/shared/vocabulary.js';
import type { Store } from '../../../src/storage/store.js';
import { rawMail } from '../../mail/support/mails.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeDesk, type Desk } from '../../support/ticketDesk.js';
import { makeWorld, testSettings } from '../../support/world.js';

const SECRET = 'a-mail-secret-that-is-long-enough-0123';
const HELPDESK = 'help@desk.test';

function deskWith(store: Store, settings: Partial<ServiceSettings> = {}): Promise<Desk> {
  return makeDesk(store, makeWorld(store, settings));
}

const withReplyAddress = (): Partial<ServiceSettings> => ({
  mail: { ...testSettings.mail!, replyAddress: { base: HELPDESK, secret: SECRET } },
});

interface Sent {
  kind: string;
  to: string;
  subject: string;
  text: string;
  ticketId: string | null;
  headers: MailHeaders;
}

/** The outbox, oldest first; `kind` keeps only mails of that kind. */
async function outbox(desk: Desk, kind?: string): Promise<Sent[]> {
  const rows = await desk.world.ctx.store.db
    .selectFrom('mail_outbox')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows
    .filter((row) => kind === undefined || row.kind === kind)
    .map((row) => ({
      kind: row.kind,
      to: row.recipient,
      subject: row.subject,
      text: row.text_body,
      ticketId: row.ticket_id,
      headers: JSON.parse(row.headers) as MailHeaders,
    }));
}

const recipients = (mails: Sent[]) => mails.map((mail) => mail.to).sort();

describeEachDatabase('mail about tickets', (db) => {
  it('acknowledges a request its requester filed, and tells the team’s agents', async () => {
    const desk = await deskWith(db());
    const id = await desk.file(desk.yaw, { subject: 'Refund', message: 'I paid twice' });
    const [ack, ...others] = await outbox(desk, 'ticket_received');
    expect(others).toEqual([]);
    expect(ack).toMatchObject({ to: desk.yaw.email, subject: '[#1] Refund', ticketId: id });
    expect(ack!.headers['Auto-Submitted']).toBe('auto-generated');
    expect(ack!.headers['Reply-To']).toBeUndefined();
    expect(ack!.headers['List-Unsubscribe']).toBeUndefined();
    expect(ack!.text).toContain('http://desk.test/requests/1');
    const notices = await outbox(desk, 'ticket_new');
    // Finance: Kofi and Esi; not Ama (IT), Efua (no team) or Ada.
    expect(recipients(notices)).toEqual([desk.kofi.email, desk.esi.email].sort());
    expect(notices[0]).toMatchObject({ subject: '[#1] Refund', ticketId: id });
    expect(notices[0]!.text).toContain('I paid twice');
    expect(notices[0]!.headers['Auto-Submitted']).toBe('auto-generated');
    expect(notices[0]!.headers['List-Unsubscribe']).toBe('<http://desk.test/settings#mail>');
  });

  it('does not acknowledge a ticket an agent files for someone, and tells its assignee', async () => {
    const desk = await deskWith(db());
    await desk.file(desk.kofi, { requesterId: desk.yaw.id, assigneeId: desk.esi.id });
    expect(await outbox(desk, 'ticket_received')).toEqual([]);
    expect(recipients(await outbox(desk, 'ticket_assigned'))).toEqual([desk.esi.email]);
    // The team's new-ticket notice goes to neither the agent who filed it nor its assignee.
    expect(await outbox(desk, 'ticket_new')).toEqual([]);
  });

  it('mails the desk’s public reply as a person’s, threaded, with the signed reply address', async () => {
    const desk = await deskWith(db(), withReplyAddress());
    const id = await desk.file(desk.yaw);
    const [ack] = await outbox(desk, 'ticket_received');
    await desk.reply(desk.esi, id, 'We refunded you.');
    await desk.reply(desk.yaw, id, 'Thank you!');
    await desk.reply(desk.kofi, id, 'You are welcome.');
    const replies = await outbox(desk, 'ticket_reply');
    expect(replies.map((mail) => mail.to)).toEqual([desk.yaw.email, desk.yaw.email]);
    const [first, second] = replies;
    expect(first).toMatchObject({ subject: '[#1] Refund', ticketId: id });
    expect(first!.text).toContain('We refunded you.');
    expect(first!.headers['Auto-Submitted']).toBeUndefined();
    expect(first!.headers['In-Reply-To']).toBe(ack!.headers['Message-ID']);
    expect(second!.headers['In-Reply-To']).toBe(first!.headers['Message-ID']);
    expect(second!.headers.References).toBe(
      `${ack!.headers['Message-ID']} ${first!.headers['Message-ID']}`,
    );
    const replyTo = first!.headers['Reply-To']!;
    expect(parseReplyAddress(replyTo, HELPDESK, SECRET)).toBe(1);
    // Remembered, so the requester's answer to it finds the ticket by its references.
    const known = await db()
      .db.selectFrom('mail_messages')
      .select('message_id')
      .where('ticket_id', '=', id)
      .where('direction', '=', 'out')
      .execute();
    expect(known).toHaveLength(3);
  });

  it('never mails a note to the requester; a note mails the agents it names who work the ticket', async () => {
    const desk = await deskWith(db());
    const id = await desk.file(desk.yaw);
    const before = (await outbox(desk)).length;
    await desk.note(desk.kofi, id, 'Internal: the ledger says paid twice');
    expect((await outbox(desk)).length).toBe(before);
    await desk.note(desk.kofi, id, '@esi @kofi @ama please check');
    const mentions = await outbox(desk, 'ticket_mention');
    // Not Kofi (who wrote it) nor Ama (IT: she may not work a Finance ticket).
    expect(recipients(mentions)).toEqual([desk.esi.email]);
    expect(mentions[0]!.text).toContain('please check');
    expect(mentions[0]!.headers['List-Unsubscribe']).toBe('<http://desk.test/settings#mail>');
    expect(await outbox(desk, 'ticket_reply')).toEqual([]);
  });

  it('tells the requester their ticket is solved, unless they solved it themselves', async () => {
    const desk = await deskWith(db());
    const first = await desk.file(desk.yaw);
    await desk.change(desk.esi, first, { status: 'solved' });
    const solved = await outbox(desk, 'ticket_solved');
    expect(solved.map((mail) => mail.to)).toEqual([desk.yaw.email]);
    expect(solved[0]!.headers['Auto-Submitted']).toBe('auto-generated');
    expect(solved[0]!.subject).toBe('[#1] Refund');
    const second = await desk.file(desk.yaw);
    await desk.change(desk.yaw, second, { status: 'solved' });
    expect(await outbox(desk, 'ticket_solved')).toHaveLength(1);
    // A reply that solves it is one mail, which says so.
    const third = await desk.file(desk.yaw);
    await desk.reply(desk.esi, third, 'Done.', { status: 'solved' });
    expect(await outbox(desk, 'ticket_solved')).toHaveLength(1);
    const [reply] = await outbox(desk, 'ticket_reply');
    expect(reply!.text).toContain('marked your request solved');
  });

  it('tells an agent a ticket was given to them, not when they took it', async () => {
    const desk = await deskWith(db());
    const id = await desk.file(desk.yaw);
    await desk.change(desk.esi, id, { assigneeId: desk.esi.id });
    expect(await outbox(desk, 'ticket_assigned')).toEqual([]);
    await desk.change(desk.kofi, id, { assigneeId: desk.kofi.id });
    await desk.change(desk.kofi, id, { assigneeId: desk.esi.id });
    const assigned = await outbox(desk, 'ticket_assigned');
    expect(assigned.map((mail) => mail.to)).toEqual([desk.esi.email]);
    expect(assigned[0]!.text).toContain('Kofi gave you');
  });

  it('sends no notice someone turned off', async () => {
    const desk = await deskWith(db());
    const ctx = desk.world.ctx;
    const off = { ...MAIL_NOTICE_DEFAULTS, newTickets: false, assigned: false };
    await setNotificationPreferences(ctx, desk.esi, {
      sound: true,
      desktopNotifications: true,
      mail: off,
    });
    const id = await desk.file(desk.yaw);
    await desk.change(desk.kofi, id, { assigneeId: desk.esi.id });
    expect(recipients(await outbox(desk, 'ticket_new'))).toEqual([desk.kofi.email]);
    expect(await outbox(desk, 'ticket_assigned')).toEqual([]);
    // Setting the chime alone leaves the mail preferences as they were.
    await setNotificationPreferences(ctx, desk.esi, { sound: false, desktopNotifications: true });
    await desk.note(desk.kofi, id, '@esi look');
    expect(recipients(await outbox(desk, 'ticket_mention'))).toEqual([desk.esi.email]);
    await desk.change(desk.kofi, id, { assigneeId: desk.kofi.id });
    await desk.change(desk.kofi, id, { assigneeId: desk.esi.id });
    expect(await outbox(desk, 'ticket_assigned')).toEqual([]);
  });

  it('queues nothing without SMTP', async () => {
    const desk = await deskWith(db(), { mail: null });
    const id = await desk.file(desk.yaw);
    await desk.change(desk.kofi, id, { assigneeId: desk.esi.id });
    await desk.reply(desk.esi, id, 'Hello');
    await desk.note(desk.kofi, id, '@esi look');
    await desk.change(desk.esi, id, { status: 'solved' });
    expect(await outbox(desk)).toEqual([]);
  });

  it('mails an SLA warning to whom the sweep alerts, in the transaction that records it', async () => {
    const desk = await deskWith(db());
    const { ctx, clock } = desk.world;
    await createSlaPolicy(ctx, desk.ada, {
      name: 'Desk',
      teamId: null,
      clock: 'calendar',
      calendarId: null,
      targets: { medium: { firstResponseMinutes: 60, resolutionMinutes: 240 } },
      atRiskFraction: 0.2,
    });
    const filedAt = clock.now();
    const id = await desk.file(desk.yaw);
    await desk.change(desk.esi, id, { assigneeId: desk.esi.id });
    clock.advance(filedAt + 49 * 60_000 - clock.now());
    const alerts = await sweepSlaAlerts(ctx, { onAlert: mailSlaAlerts(ctx) });
    expect(alerts).toHaveLength(1);
    const sla = await outbox(desk, 'ticket_sla');
    expect(recipients(sla)).toEqual([desk.kofi.email, desk.esi.email].sort());
    expect(sla[0]!.text).toContain('close to its first response target');
    expect(sla[0]!.headers['Auto-Submitted']).toBe('auto-generated');
    expect(sla.every((mail) => mail.ticketId === id)).toBe(true);
  });

  it('acknowledges a request that came by mail as an answer to it', async () => {
    const desk = await deskWith(db(), withReplyAddress());
    const raw = rawMail({
      from: desk.yaw.email,
      to: HELPDESK,
      messageId: 'first.mail@client.example',
    });
    const outcome = await importMail(
      desk.world.ctx,
      {
        addresses: [{ address: HELPDESK, topicSlug: null }],
        replySecret: SECRET,
        perSenderPerHour: 10,
      },
      { mailbox: 'test', raw: Buffer.from(raw) },
    );
    expect(outcome).toMatchObject({ status: 'processed', created: true });
    const [ack] = await outbox(desk, 'ticket_received');
    expect(ack).toMatchObject({ to: desk.yaw.email, subject: '[#1] Printer jammed' });
    expect(ack!.headers['In-Reply-To']).toBe('<first.mail@client.example>');
    expect(parseReplyAddress(ack!.headers['Reply-To']!, HELPDESK, SECRET)).toBe(1);
  });

  it('treats a follow-up of a closed ticket as a new request of whoever wrote', async () => {
    const desk = await deskWith(db());
    const id = await desk.file(desk.yaw);
    await desk.reply(desk.esi, id, 'Refunded', { status: 'solved' });
    desk.world.clock.advance(5 * 86_400_000);
    expect(await closeSolvedTickets(desk.world.ctx)).toEqual([id]);
    await desk.reply(desk.yaw, id, 'The refund never arrived');
    const acks = await outbox(desk, 'ticket_received');
    expect(acks.map((mail) => mail.subject)).toEqual(['[#1] Refund', '[#2] Refund']);
    const notices = (await outbox(desk, 'ticket_new')).filter((m) => m.subject === '[#2] Refund');
    expect(recipients(notices)).toEqual([desk.kofi.email, desk.esi.email].sort());
    expect(notices[0]!.text).toContain('The refund never arrived');
  });

  it('tells the team of a chat made a ticket, not the requester nor the agent who made it', async () => {
    const desk = await deskWith(db());
    const { ctx } = desk.world;
    const sessionId = await desk.world.startChat(desk.yaw, {
      subject: 'Hostel fees',
      message: 'My hostel fee is wrong',
      topicId: desk.fees,
    });
    await assignSession(ctx, { viewer: desk.esi, sessionId });
    await createTicketFromChat(ctx, { viewer: desk.esi, sessionId });
    expect(await outbox(desk, 'ticket_received')).toEqual([]);
    expect(await outbox(desk, 'ticket_assigned')).toEqual([]);
    expect(recipients(await outbox(desk, 'ticket_new'))).toEqual([desk.kofi.email]);
  });
});
