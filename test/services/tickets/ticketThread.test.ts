// A ticket's thread against a real database: internal notes never reach the requester (not in
// their thread, not on their topic, not as an update), a retried reply is stored once, and a
// reply to a closed ticket files a follow-up linked to it.
import { expect, it } from 'vitest';
import { topics } from '../../../src/bus/bus.js';
import { closeSolvedTickets } from '../../../src/services/tickets/ticketAutoCloser.js';
import {
  getTicket,
  listTicketHistory,
  listTicketMessages,
} from '../../../src/services/tickets/ticketReader.js';
import { replyToTicket } from '../../../src/services/tickets/ticketReplier.js';
import { presentTicketEvent } from '../../../src/services/tickets/ticketPresenters.js';
import { FAN_OUT } from '../../../src/services/presenters.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeDesk, refusal, type Desk } from '../../support/ticketDesk.js';

const DAY = 86_400_000;

async function closed(desk: Desk): Promise<string> {
  const id = await desk.file(desk.yaw);
  await desk.reply(desk.esi, id, 'Refunded', { status: 'solved' });
  desk.world.clock.advance(4 * DAY);
  expect(await closeSolvedTickets(desk.world.ctx)).toEqual([id]);
  return id;
}

describeEachDatabase('ticket threads', (db) => {
  it('keeps internal notes from the requester on every path', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const id = await desk.file(desk.yaw);
    const before = (await getTicket(ctx, desk.ada, id)).row.updated_at;
    const published = desk.world.published.length;
    const note = await desk.note(desk.esi, id, 'Yaw paid twice: refund the second');
    const bodies = async (viewer: typeof desk.yaw) =>
      (await listTicketMessages(ctx, viewer, id, { limit: 50 })).records.map((m) => m.row.body);
    expect(await bodies(desk.esi)).toContain('Yaw paid twice: refund the second');
    expect(await bodies(desk.kofi)).toContain('Yaw paid twice: refund the second');
    expect(await bodies(desk.yaw)).toEqual(['Please refund my fees']);
    // No frame of the note reaches the requester's topic, or the desk's list topic; it is not
    // an update of the ticket the requester can see either.
    const frames = desk.world.published.slice(published);
    expect(frames.filter((f) => f.topic === topics.user(desk.yaw.id))).toEqual([]);
    expect(frames.filter((f) => f.topic === topics.tickets)).toEqual([]);
    expect(frames.map((f) => f.topic)).toEqual([topics.ticket(id)]);
    expect(frames[0]!.frame).toMatchObject({
      type: 'ticket.message',
      messageId: note,
      kind: 'note',
    });
    expect((await getTicket(ctx, desk.ada, id)).row.updated_at).toBe(before);
    // Neither the requester nor anyone outside the desk may write one.
    expect(await refusal(desk.note(desk.yaw, id))).toBe('FORBIDDEN');
    expect(await refusal(desk.note(desk.abena, id))).toBe('NOT_FOUND');
    expect(await refusal(desk.note(desk.ama, id))).toBe('NOT_FOUND');
    // A note is no reply: the ticket stays new and unanswered.
    expect((await getTicket(ctx, desk.ada, id)).row).toMatchObject({
      status: 'new',
      first_responded_at: null,
    });
  });

  it('tells the requester of public replies and changes, not of the desk’s tags or team', async () => {
    const desk = await makeDesk(db());
    const id = await desk.file(desk.yaw);
    const start = desk.world.published.length;
    await desk.change(desk.esi, id, { tags: ['refund'] });
    await desk.change(desk.ada, id, { teamId: desk.it });
    await desk.reply(desk.ada, id, 'We are on it');
    const toYaw = desk.world.published
      .slice(start)
      .filter((f) => f.topic === topics.user(desk.yaw.id))
      .map((f) => f.frame);
    expect(toYaw).toMatchObject([
      { type: 'ticket.message', kind: 'reply' },
      { type: 'ticket.updated', changes: ['status'] },
    ]);
    const toDesk = desk.world.published
      .slice(start)
      .filter((f) => f.topic === topics.tickets)
      .map((f) => f.frame);
    expect(toDesk).toMatchObject([
      { type: 'ticket.updated', changes: ['tags'] },
      { type: 'ticket.updated', changes: ['team'] },
      { type: 'ticket.message', kind: 'reply' },
      { type: 'ticket.updated', changes: ['status'] },
    ]);
  });

  it('stores a retried reply once and answers the first', async () => {
    const desk = await makeDesk(db());
    const id = await desk.file(desk.yaw);
    const send = () =>
      replyToTicket(desk.world.ctx, {
        viewer: desk.yaw,
        ticketId: id,
        body: 'Any news?',
        kind: 'reply',
        clientId: 'c-1',
      });
    const first = await send();
    const again = await send();
    expect(first.duplicate).toBe(false);
    expect(again).toMatchObject({
      duplicate: true,
      message: { row: { id: first.message.row.id } },
    });
    const { records } = await listTicketMessages(desk.world.ctx, desk.yaw, id, { limit: 50 });
    expect(records.map((m) => m.row.body)).toEqual(['Please refund my fees', 'Any news?']);
  });

  it('files a follow-up when someone replies to a closed ticket, linked both ways', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const id = await closed(desk);
    const reply = () =>
      replyToTicket(ctx, {
        viewer: desk.yaw,
        ticketId: id,
        body: 'The refund never arrived',
        kind: 'reply',
        clientId: 'late-1',
      });
    const { message } = await reply();
    const followUpId = message.row.ticket_id;
    expect(followUpId).not.toBe(id);
    const followUp = await getTicket(ctx, desk.yaw, followUpId);
    expect(followUp.row).toMatchObject({
      number: 2,
      status: 'new',
      requester_id: desk.yaw.id,
      team_id: desk.finance,
      subject: 'Refund',
      follow_up_of: id,
    });
    expect(followUp.followUpOf).toEqual({ id, number: 1 });
    // A retry finds the message in the follow-up, and files no second one.
    const retried = await reply();
    expect(retried).toMatchObject({ duplicate: true, message: { row: { id: message.row.id } } });
    const original = await getTicket(ctx, desk.ada, id);
    expect(original.row.status).toBe('closed');
    const history = await listTicketHistory(ctx, desk.ada, id, { limit: 50 });
    expect(history.records.map((e) => presentTicketEvent(e, FAN_OUT)).at(-1)).toMatchObject({
      kind: 'follow_up',
      to: { id: followUpId, number: 2 },
    });
    // The closed ticket's thread is as it was; the follow-up has the new message.
    const thread = async (ticketId: string) =>
      (await listTicketMessages(ctx, desk.yaw, ticketId, { limit: 50 })).records.map(
        (m) => m.row.body,
      );
    expect(await thread(id)).toEqual(['Please refund my fees', 'Refunded']);
    expect(await thread(followUpId)).toEqual(['The refund never arrived']);
    // An agent's reply to a closed ticket files one too, opened and answered.
    const { message: agents } = await replyToTicket(ctx, {
      viewer: desk.esi,
      ticketId: id,
      body: 'Sent again today',
      kind: 'reply',
    });
    const third = await getTicket(ctx, desk.esi, agents.row.ticket_id);
    expect(third.row).toMatchObject({ number: 3, status: 'open', follow_up_of: id });
    expect(third.row.first_responded_at).not.toBeNull();
    // A note has nowhere to go.
    expect(await refusal(desk.note(desk.esi, id))).toBe('TICKET_CLOSED');
  });
});
