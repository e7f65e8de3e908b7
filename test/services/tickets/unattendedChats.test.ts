// Chats the desk turns into tickets on its own, against a real database with a clock the test
// moves: a chat nobody answered within UNANSWERED_CHAT_TICKET_MINUTES is ended and becomes its
// team's ticket (the customer told which request to follow, their page led there), exactly once
// however many sweeps run at the same time; a waiting chat its customer ends becomes one when
// ABANDONED_CHAT_TICKETS is on; chats an agent had, or made a ticket of, are left alone.
import { expect, it } from 'vitest';
import { topics } from '../../../src/bus/bus.js';
import type { ServiceSettings } from '../../../src/services/context.js';
import { runHousekeeping } from '../../../src/services/jobs/housekeeping.js';
import { assignSession } from '../../../src/services/sessions/chatAssigner.js';
import { endSession } from '../../../src/services/sessions/sessionEnder.js';
import { createTicketFromChat } from '../../../src/services/tickets/chatTicketer.js';
import { listTicketMessages } from '../../../src/services/tickets/ticketReader.js';
import { ticketUnansweredChats } from '../../../src/services/tickets/unansweredChatTickets.js';
import { registerNode } from '../../../src/storage/repositories/cluster.js';
import type { Store } from '../../../src/storage/store.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeDesk, type Desk } from '../../support/ticketDesk.js';
import { makeWorld } from '../../support/world.js';

const MINUTES = 10;
const WAIT = MINUTES * 60_000;

const deskWith = (store: Store, settings: Partial<ServiceSettings>) =>
  makeDesk(store, makeWorld(store, settings));

const chatRow = (store: Store, id: string) =>
  store.db.selectFrom('chat_sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const ticketsOf = (store: Store, requesterId: string) =>
  store.db.selectFrom('tickets').selectAll().where('requester_id', '=', requesterId).execute();

const systemLines = async (store: Store, id: string) =>
  (
    await store.db
      .selectFrom('chat_messages')
      .select('message_text')
      .where('session_id', '=', id)
      .where('message_type', '=', 'system')
      .orderBy('seq')
      .execute()
  ).map((row) => row.message_text);

async function thread(desk: Desk, ticketId: string) {
  const { records } = await listTicketMessages(desk.world.ctx, desk.yaw, ticketId, { limit: 50 });
  return records.map((record) => [record.author?.name ?? null, record.row.body]);
}

/** The durable `session.updated` event that ended the chat, as its page receives it. */
const endedEvent = (desk: Desk) =>
  desk.world.published.flatMap(({ frame }) =>
    frame.type === 'session.event' &&
    frame.event.kind === 'session.updated' &&
    frame.event.change === 'ended'
      ? [frame.event]
      : [],
  )[0];

const wifiChat = (desk: Desk) =>
  desk.world.startChat(desk.yaw, {
    subject: 'No wifi',
    message: 'The wifi in block B is down',
    topicId: desk.wifi,
  });

describeEachDatabase('chats that become tickets by themselves', (db) => {
  it('ends a chat nobody answered in time and files it as its team’s ticket, once', async () => {
    const desk = await deskWith(db(), { unansweredChatTicketMs: WAIT });
    const { ctx, clock } = desk.world;
    const chat = await wifiChat(desk);
    clock.advance(WAIT - 1001);
    expect(await ticketUnansweredChats(ctx)).toEqual([]);
    expect((await chatRow(db(), chat)).status).toBe('waiting');

    clock.advance(1);
    desk.world.published.length = 0;
    const [filed] = await ticketUnansweredChats(ctx);
    expect(filed).toMatchObject({ sessionId: chat });
    const [ticket] = await ticketsOf(db(), desk.yaw.id);
    expect(ticket).toMatchObject({
      id: filed!.ticketId,
      number: filed!.number,
      channel: 'chat',
      team_id: desk.it,
      subject: 'No wifi',
      status: 'new',
    });
    expect(await thread(desk, ticket!.id)).toEqual([
      ['Yaw', 'The wifi in block B is down'],
      [null, 'Sorry that no one could answer your chat in time. Someone will answer you here.'],
    ]);
    expect(await chatRow(db(), chat)).toMatchObject({
      status: 'ended',
      ended_by: 'system',
      ticket_id: ticket!.id,
    });
    expect((await systemLines(db(), chat)).at(-1)).toBe(
      `No one could answer in time — we've made request #${ticket!.number}; we'll reply there`,
    );
    // The customer's page hears the chat ended with its ticket, and of the ticket itself.
    const toYaw = desk.world.published.filter(({ topic }) => topic === topics.user(desk.yaw.id));
    expect(toYaw.map(({ frame }) => frame)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'ticket.created', ticketId: ticket!.id }),
      ]),
    );
    const ended = endedEvent(desk);
    expect(ended).toMatchObject({ session: { id: chat, ticketId: ticket!.id } });

    clock.advance(WAIT);
    expect(await ticketUnansweredChats({ ...ctx, nodeId: 'node-b' })).toEqual([]);
    expect(await ticketsOf(db(), desk.yaw.id)).toHaveLength(1);
  });

  it('makes one ticket per chat when two sweeps run at the same time', async () => {
    const desk = await deskWith(db(), { unansweredChatTicketMs: WAIT });
    const { ctx, clock } = desk.world;
    const chats = [await wifiChat(desk), await wifiChat(desk), await wifiChat(desk)];
    clock.advance(WAIT);
    const [a, b] = await Promise.all([
      ticketUnansweredChats({ ...ctx, nodeId: 'node-a' }),
      ticketUnansweredChats({ ...ctx, nodeId: 'node-b' }),
    ]);
    const filed = [...a!, ...b!];
    expect(filed.map((f) => f.sessionId).sort()).toEqual([...chats].sort());
    const tickets = await ticketsOf(db(), desk.yaw.id);
    expect(tickets).toHaveLength(3);
    const links = await db().db.selectFrom('ticket_chat_links').selectAll().execute();
    expect(links.map((l) => l.session_id).sort()).toEqual([...chats].sort());
    for (const chat of chats) expect(await systemLines(db(), chat)).toHaveLength(1);
  });

  it('leaves a chat whose ticket failed waiting, with nothing of it written, and files the rest', async () => {
    const desk = await deskWith(db(), { unansweredChatTicketMs: WAIT });
    const { ctx, clock } = desk.world;
    const failing = await wifiChat(desk);
    const other = await wifiChat(desk);
    clock.advance(WAIT);
    // The first chat's transaction fails midway, as if its node stopped.
    let calls = 0;
    const ids = {
      next: () => {
        if (++calls === 3) throw new Error('the node stopped');
        return ctx.ids.next();
      },
    };
    await expect(ticketUnansweredChats({ ...ctx, ids })).rejects.toThrow('the node stopped');
    expect(await chatRow(db(), failing)).toMatchObject({ status: 'waiting', ticket_id: null });
    expect((await chatRow(db(), other)).status).toBe('ended');
    expect(await ticketsOf(db(), desk.yaw.id)).toHaveLength(1);
    // The next sweep files it.
    expect(await ticketUnansweredChats(ctx)).toMatchObject([{ sessionId: failing }]);
    expect(await ticketsOf(db(), desk.yaw.id)).toHaveLength(2);
  });

  it('is done by the housekeeping sweep, and never while the setting is off', async () => {
    const desk = await deskWith(db(), {});
    const { ctx, clock } = desk.world;
    const chat = await wifiChat(desk);
    clock.advance(30 * 86_400_000);
    await registerNode(db().db, ctx.nodeId, clock.now());
    expect(await runHousekeeping(ctx, 10_000)).toBe(true);
    expect((await chatRow(db(), chat)).status).toBe('waiting');

    const on = { ...ctx, settings: { ...ctx.settings, unansweredChatTicketMs: WAIT } };
    clock.advance(10_000);
    expect(await runHousekeeping(on, 10_000)).toBe(true);
    expect((await chatRow(db(), chat)).status).toBe('ended');
    expect(await ticketsOf(db(), desk.yaw.id)).toHaveLength(1);
  });

  it('leaves a chat an agent had, or made a ticket of, alone', async () => {
    const desk = await deskWith(db(), { unansweredChatTicketMs: WAIT });
    const { ctx, clock } = desk.world;
    const taken = await wifiChat(desk);
    await assignSession(ctx, { viewer: desk.ama, sessionId: taken });
    const linked = await wifiChat(desk);
    const { ticket } = await createTicketFromChat(ctx, { viewer: desk.ada, sessionId: linked });
    // Back in the queue after an agent had it (requeued): not "never answered".
    const requeued = await wifiChat(desk);
    await db()
      .db.updateTable('chat_sessions')
      .set({ first_assigned_at: clock.now() })
      .where('id', '=', requeued)
      .execute();
    clock.advance(WAIT * 3);
    expect(await ticketUnansweredChats(ctx)).toEqual([]);
    expect((await chatRow(db(), linked)).status).toBe('waiting');
    expect((await ticketsOf(db(), desk.yaw.id)).map((t) => t.id)).toEqual([ticket.row.id]);
  });

  it('files a waiting chat its customer ended, when ABANDONED_CHAT_TICKETS is on', async () => {
    const desk = await deskWith(db(), { abandonedChatTickets: true });
    const { ctx } = desk.world;
    const chat = await wifiChat(desk);
    desk.world.published.length = 0;
    await endSession(ctx, { viewer: desk.yaw, sessionId: chat });
    const [ticket] = await ticketsOf(db(), desk.yaw.id);
    expect(ticket).toMatchObject({ channel: 'chat', team_id: desk.it, subject: 'No wifi' });
    expect(await thread(desk, ticket!.id)).toEqual([
      ['Yaw', 'The wifi in block B is down'],
      [
        null,
        'Thank you for your message. You left the chat before anyone could answer: someone will answer you here.',
      ],
    ]);
    expect(await chatRow(db(), chat)).toMatchObject({ ended_by: 'user', ticket_id: ticket!.id });
    expect(await systemLines(db(), chat)).toEqual(['Yaw ended the chat']);
    const ended = endedEvent(desk);
    expect(ended).toMatchObject({ session: { ticketId: ticket!.id } });

    // One an agent had is theirs to file; and with the setting off nothing is filed.
    const answered = await wifiChat(desk);
    await assignSession(ctx, { viewer: desk.ama, sessionId: answered });
    await endSession(ctx, { viewer: desk.yaw, sessionId: answered });
    const left = await wifiChat(desk);
    const off = { ...ctx, settings: { ...ctx.settings, abandonedChatTickets: false } };
    await endSession(off, { viewer: desk.yaw, sessionId: left });
    expect(await ticketsOf(db(), desk.yaw.id)).toHaveLength(1);
  });
});
