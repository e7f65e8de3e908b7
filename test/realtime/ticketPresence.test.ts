// Collision detection over real sockets: an agent who opens a ticket hears of the colleagues
// already on it (they answer the newcomer's hello) and of their writing; a tab of one's own is no
// colleague; leaving is heard, closing the socket too. The ticket's requester, and an agent of
// another team, are refused the watch and hear nothing of the desk on it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Ticket } from '../../src/shared/ticketsApi.js';
import type { ServerFrame } from '../../src/shared/protocol.js';
import { describeEachDatabase } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/testNode.js';

const WAIT = { timeoutMs: 30_000 };
type Presence = Extract<ServerFrame, { type: 'ticket.presence' }>;
const presenceOf = (name: string, state: Presence['state'], ticketId: string) => (f: ServerFrame) =>
  f.type === 'ticket.presence' &&
  f.ticketId === ticketId &&
  f.user.name === name &&
  f.state === state;

describeEachDatabase('who of the desk has a ticket open', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  it('tells each agent on a ticket who else is there and who is writing', async () => {
    const ama = await server.signUp('Ama', 'admin');
    const kofi = await server.signUp('Kofi', 'admin');
    const yaw = await server.signUp('Yaw');
    const filed = await yaw.post<Ticket>('/api/v1/tickets', {
      subject: 'Fee waiver',
      message: 'May I have the late fee waived?',
    });
    expect(filed.status).toBe(201);
    const ticketId = filed.body.id;

    const amaSocket = await ama.socket();
    const amaTab = await ama.socket();
    // A socket handles its frames in order and a watch is done once it is subscribed, so the
    // pong that follows it says the watch stands (a watch has no reply of its own).
    amaSocket.send({ type: 'ticket.watch', ticketId });
    await amaSocket.call({ type: 'ping' });
    // Her second tab opens it too: she does not hear herself.
    amaTab.send({ type: 'ticket.watch', ticketId });
    await amaTab.call({ type: 'ping' });

    const kofiSocket = await kofi.socket();
    kofiSocket.send({ type: 'ticket.watch', ticketId });
    // Ama was there first: she hears Kofi come, and answers his hello so he sees her.
    await amaSocket.waitFor(presenceOf('Kofi', 'viewing', ticketId), WAIT);
    await kofiSocket.waitFor(presenceOf('Ama', 'viewing', ticketId), WAIT);

    const from = kofiSocket.frames.length;
    amaSocket.send({ type: 'ticket.watch', ticketId, replying: true });
    await kofiSocket.waitFor(presenceOf('Ama', 'replying', ticketId), { ...WAIT, from });
    amaSocket.send({ type: 'ticket.unwatch', ticketId });
    await kofiSocket.waitFor(presenceOf('Ama', 'left', ticketId), { ...WAIT, from });

    // Closing the socket leaves too.
    const amaFrom = amaTab.frames.length;
    kofiSocket.close();
    await amaTab.waitFor(presenceOf('Kofi', 'left', ticketId), { ...WAIT, from: amaFrom });

    for (const socket of [amaSocket, amaTab])
      expect(
        socket.frames.filter((f) => f.type === 'ticket.presence' && f.user.name === 'Ama'),
      ).toEqual([]);
    expect(kofiSocket.frames.filter((f) => f.type === 'ticket.presence' && 'hello' in f)).toEqual(
      [],
    );
  });

  it('refuses the watch to the requester and to an agent who may not see the ticket', async () => {
    const boss = await server.signUp('Ada', 'super_admin');
    const esi = await server.signUp('Esi', 'admin');
    const outsider = await server.signUp('Mensah', 'admin');
    const kwame = await server.signUp('Kwame');
    const team = await boss.post<{ id: string }>('/api/v1/teams', {
      name: 'Finance desk',
      description: '',
    });
    expect(team.status).toBe(201);
    const filed = await boss.post<Ticket>('/api/v1/tickets', {
      subject: 'Scholarship payment',
      message: 'Filed for the student',
      requesterId: kwame.user!.id,
      teamId: team.body.id,
      assigneeId: esi.user!.id,
    });
    expect(filed.status).toBe(201);
    const ticketId = filed.body.id;

    const esiSocket = await esi.socket();
    esiSocket.send({ type: 'ticket.watch', ticketId });
    await esiSocket.call({ type: 'ping' });
    const kwameSocket = await kwame.socket();
    const refused = await kwameSocket.call({ type: 'ticket.watch', ticketId });
    expect(refused).toMatchObject({ type: 'error', error: { code: 'FORBIDDEN' } });
    const outsiderSocket = await outsider.socket();
    const hidden = await outsiderSocket.call({ type: 'ticket.watch', ticketId });
    expect(hidden).toMatchObject({ type: 'error', error: { code: 'NOT_FOUND' } });

    // Ada (who sees every ticket) joins; Esi hears her; the refused two heard nothing.
    const bossSocket = await boss.socket();
    bossSocket.send({ type: 'ticket.watch', ticketId, replying: true });
    await esiSocket.waitFor(presenceOf('Ada', 'replying', ticketId), WAIT);
    await bossSocket.waitFor(presenceOf('Esi', 'viewing', ticketId), WAIT);
    // Refused, they never joined the ticket's presence topic: nothing of the desk reached them.
    for (const socket of [kwameSocket, outsiderSocket])
      expect(socket.frames.filter((f) => f.type === 'ticket.presence')).toEqual([]);
  });
});
