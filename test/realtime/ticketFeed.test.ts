// The per-ticket feed over real sockets: two agents and the requester have the ticket's page open
// (`ticket.subscribe`), on two nodes; a colleague's note reaches the other agent and never the requester, a
// reply reaches all three; whoever may not see the ticket is refused, and an agent whose access
// ends with a change of team is told so and hears no more.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MemoryBus } from '../../src/bus/memoryBus.js';
import type { ServerFrame } from '../../src/shared/protocol.js';
import type { Ticket, TicketMessage } from '../../src/shared/ticketsApi.js';
import { describeEachDatabase } from '../support/databases.js';
import { startTestNode, type SocketClient, type TestNode } from '../support/testNode.js';

const WAIT = { timeoutMs: 30_000 };
const messageFrame = (messageId: string) => (f: ServerFrame) =>
  f.type === 'ticket.message' && f.messageId === messageId;

/** Waits for the second copy of a frame: one from a list topic, one from the ticket's feed. */
async function secondCopy(socket: SocketClient, match: (f: ServerFrame) => boolean) {
  await socket.waitFor(match, WAIT);
  const first = socket.frames.findIndex(match);
  return socket.waitFor(match, { ...WAIT, from: first + 1 });
}

describeEachDatabase('the feed of an open ticket', (db) => {
  let server: TestNode;
  /** A second node on the same database and bus: a page may be open on any node. */
  let other: TestNode;
  beforeAll(async () => {
    const bus = new MemoryBus();
    server = await startTestNode(db(), {}, { bus });
    other = await startTestNode(db(), {}, { bus });
  });
  afterAll(async () => {
    await other.stop();
    await server.stop();
  });

  it('brings a note to the other agent only, and a reply to everyone on the page', async () => {
    const ama = await server.signUp('Ama', 'admin');
    // Kofi and Yaw have the page open on the other node: frames cross through the bus.
    const kofi = await other.signUp('Kofi', 'admin');
    const yaw = await other.signUp('Yaw');
    const filed = await yaw.post<Ticket>('/api/v1/tickets', {
      subject: 'Transcript request',
      message: 'When will my transcript be ready?',
    });
    expect(filed.status).toBe(201);
    const ticketId = filed.body.id;

    const sockets = await Promise.all([ama.socket(), kofi.socket(), yaw.socket()]);
    const [amaSocket, kofiSocket, yawSocket] = sockets;
    for (const socket of sockets) {
      expect(await socket.call({ type: 'ticket.subscribe', ticketId })).toMatchObject({
        type: 'ticket.subscribed',
        ticketId,
      });
    }

    const note = await ama.post<TicketMessage>(`/api/v1/tickets/${ticketId}/messages`, {
      kind: 'note',
      body: 'Registry says Friday',
    });
    expect(note.status).toBe(201);
    // A note is announced on no list topic: only the feed brings it to Kofi's open page.
    await kofiSocket!.waitFor(messageFrame(note.body.id), WAIT);
    await amaSocket!.waitFor(messageFrame(note.body.id), WAIT);

    const reply = await ama.post<TicketMessage>(`/api/v1/tickets/${ticketId}/messages`, {
      body: 'It will be ready on Friday.',
    });
    expect(reply.status).toBe(201);
    for (const socket of sockets) await secondCopy(socket!, messageFrame(reply.body.id));

    // The note went out before the reply on the same topic: had it reached Yaw, it would be here.
    expect(yawSocket!.frames.filter(messageFrame(note.body.id))).toEqual([]);
    expect(
      yawSocket!.frames.filter((f) => f.type === 'ticket.message' && f.kind === 'note'),
    ).toEqual([]);

    // After unsubscribing, the page's feed is quiet (only the list topic's copy comes).
    const from = kofiSocket!.frames.length;
    expect(await kofiSocket!.call({ type: 'ticket.unsubscribe', ticketId })).toMatchObject({
      type: 'ticket.unsubscribed',
      ticketId,
    });
    const second = await ama.post<TicketMessage>(`/api/v1/tickets/${ticketId}/messages`, {
      kind: 'note',
      body: 'Told the student',
    });
    await amaSocket!.waitFor(messageFrame(second.body.id), WAIT);
    await kofiSocket!.call({ type: 'ping' });
    expect(kofiSocket!.frames.slice(from).filter(messageFrame(second.body.id))).toEqual([]);
  });

  it('refuses whoever may not see the ticket, and ends the feed when access ends', async () => {
    const boss = await server.signUp('Ada', 'super_admin');
    const esi = await server.signUp('Esi', 'admin');
    const outsider = await server.signUp('Mensah', 'admin');
    const kwame = await server.signUp('Kwame');
    const abena = await server.signUp('Abena');
    const team = await boss.post<{ id: string }>('/api/v1/teams', {
      name: 'Bursary desk',
      description: '',
    });
    expect(team.status).toBe(201);
    const filed = await boss.post<Ticket>('/api/v1/tickets', {
      subject: 'Bursary payment',
      message: 'Filed for the student',
      requesterId: kwame.user!.id,
      teamId: team.body.id,
      assigneeId: esi.user!.id,
    });
    expect(filed.status).toBe(201);
    const ticketId = filed.body.id;

    for (const stranger of [outsider, abena]) {
      const socket = await stranger.socket();
      expect(await socket.call({ type: 'ticket.subscribe', ticketId })).toMatchObject({
        type: 'error',
        error: { code: 'NOT_FOUND' },
      });
      // Refused, it never joined the topic: a note (on no list topic) does not reach it.
      const note = await boss.post<TicketMessage>(`/api/v1/tickets/${ticketId}/messages`, {
        kind: 'note',
        body: `Checked before ${stranger.user!.name} asked`,
      });
      expect(note.status).toBe(201);
      await socket.call({ type: 'ping' });
      expect(socket.frames.filter(messageFrame(note.body.id))).toEqual([]);
    }

    // Esi sees it as its assignee; given to nobody, in a team she is not in, it is gone for her.
    const esiSocket = await esi.socket();
    await esiSocket.call({ type: 'ticket.subscribe', ticketId });
    const moved = await boss.patch<Ticket>(`/api/v1/tickets/${ticketId}`, { assigneeId: null });
    expect(moved.status).toBe(200);
    await esiSocket.waitFor(
      (f) =>
        f.type === 'ticket.unsubscribed' && f.ticketId === ticketId && f.reason === 'NOT_FOUND',
      WAIT,
    );
    const note = await boss.post<TicketMessage>(`/api/v1/tickets/${ticketId}/messages`, {
      kind: 'note',
      body: 'Esi is off this one',
    });
    expect(note.status).toBe(201);
    await esiSocket.call({ type: 'ping' });
    expect(esiSocket.frames.filter(messageFrame(note.body.id))).toEqual([]);
  });
});
