// Tickets over real HTTP and WebSocket connections: a customer files a request and reads the
// desk's reply, while an internal note reaches them on no path (the thread, the ticket, their
// socket); agents hear of every ticket on theirs; a chat becomes a ticket with its transcript.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServerFrame } from '../../src/shared/protocol.js';
import { describeEachDatabase } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/testNode.js';

describeEachDatabase('tickets over HTTP', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers the requester’s request and keeps the desk’s note from them on every path', async () => {
    const yaw = await server.signUp('Yaw');
    const ama = await server.signUp('Ama', 'admin');
    const yawSocket = await yaw.socket();
    const amaSocket = await ama.socket();
    try {
      await yawSocket.waitFor((f) => f.type === 'hello');
      await amaSocket.waitFor((f) => f.type === 'hello');
      const filed = await yaw.post('/api/v1/tickets', {
        subject: 'Transcript request',
        message: 'I need my transcript for a visa',
      });
      expect(filed.status).toBe(201);
      expect(filed.body).toMatchObject({ number: 1, status: 'new', channel: 'web', team: null });
      const id = filed.body.id as string;
      await amaSocket.waitFor((f) => f.type === 'ticket.created' && f.ticketId === id);

      // Found by the number said aloud, by whoever may see it, and by nobody else.
      const byNumber = (items: { id: string }[]) => items.map((t) => t.id);
      expect(byNumber((await yaw.get('/api/v1/tickets?number=1')).body.items)).toEqual([id]);
      expect(byNumber((await ama.get('/api/v1/tickets?number=1')).body.items)).toEqual([id]);
      expect(byNumber((await ama.get('/api/v1/tickets?number=2')).body.items)).toEqual([]);
      const kojo = await server.signUp('Kojo');
      expect(byNumber((await kojo.get('/api/v1/tickets?number=1')).body.items)).toEqual([]);

      const note = await ama.post(`/api/v1/tickets/${id}/messages`, {
        body: 'Registry closes early on Fridays',
        kind: 'note',
      });
      expect(note.status).toBe(201);
      const reply = await ama.post(`/api/v1/tickets/${id}/messages`, {
        body: 'We will post it today',
        status: 'pending',
      });
      expect(reply.status).toBe(201);

      // Yaw hears of the reply and the status, then reads the thread: no note anywhere.
      const heard = await yawSocket.waitFor(
        (f) => f.type === 'ticket.updated' && f.ticketId === id,
      );
      expect(heard).toMatchObject({ changes: ['status'] });
      const yawsFrames = yawSocket.frames.filter((f: ServerFrame) => f.type.startsWith('ticket.'));
      expect(yawsFrames.map((f) => f.type)).toEqual([
        'ticket.created',
        'ticket.message',
        'ticket.message',
        'ticket.updated',
      ]);
      expect(JSON.stringify(yawSocket.frames)).not.toContain(note.body.id);
      const thread = await yaw.get(`/api/v1/tickets/${id}/messages`);
      expect(thread.body.items.map((m: { body: string }) => m.body)).toEqual([
        'I need my transcript for a visa',
        'We will post it today',
      ]);
      expect(JSON.stringify(thread.body)).not.toContain('Fridays');
      // Nor does search find the ticket by the note's words for him; the desk finds it there.
      expect((await yaw.get('/api/v1/search?q=fridays&kind=tickets')).body.items).toEqual([]);
      const found = await ama.get('/api/v1/search?q=registry%20frid&kind=tickets');
      expect(found.body.items.map((i: { ticket: { id: string } }) => i.ticket.id)).toEqual([id]);
      expect(found.body.items[0].match).toMatchObject({ in: 'note', messageId: note.body.id });
      const byReply = await yaw.get('/api/v1/search?q=post%20it&kind=tickets');
      expect(byReply.body.items[0].match.in).toBe('reply');
      const ticket = await yaw.get(`/api/v1/tickets/${id}`);
      expect(ticket.body).toMatchObject({ status: 'pending', tags: [], team: null, sla: null });
      expect(ticket.body.assignee).toBeNull();
      expect((await yaw.get(`/api/v1/tickets/${id}/events`)).status).toBe(403);
      const deskThread = await ama.get(`/api/v1/tickets/${id}/messages`);
      expect(deskThread.body.items.map((m: { kind: string }) => m.kind)).toEqual([
        'reply',
        'note',
        'reply',
      ]);
      // Nor does the desk's list topic carry the note: it goes to the ticket's own feed only.
      await amaSocket.waitFor((f) => f.type === 'ticket.updated' && f.ticketId === id);
      expect(amaSocket.frames.some((f) => f.type === 'ticket.message' && f.kind === 'note')).toBe(
        false,
      );

      // Yaw answers: the ticket is open again; then he marks it solved.
      await yaw.post(`/api/v1/tickets/${id}/messages`, { body: 'Thank you' });
      expect((await yaw.get(`/api/v1/tickets/${id}`)).body.status).toBe('open');
      const solved = await yaw.patch(`/api/v1/tickets/${id}`, { status: 'solved' });
      expect(solved.body.status).toBe('solved');
      const mine = await yaw.get('/api/v1/tickets');
      expect(mine.body.items.map((t: { id: string }) => t.id)).toEqual([id]);
    } finally {
      yawSocket.close();
      amaSocket.close();
    }
  });

  it('makes a ticket of a chat, its notes staying the desk’s, linked both ways', async () => {
    const yaw = await server.signUp('Yaw');
    const kofi = await server.agentOnDuty('Kofi');
    const chat = await yaw.startChat();
    expect((await kofi.post(`/api/v1/sessions/${chat}/take`)).status).toBe(200);
    await kofi.post(`/api/v1/sessions/${chat}/messages`, { text: 'Let me check' });
    await kofi.post(`/api/v1/sessions/${chat}/messages`, { text: 'Bursar is out', type: 'note' });
    expect((await yaw.post(`/api/v1/sessions/${chat}/ticket`)).status).toBe(403);
    const made = await kofi.post(`/api/v1/sessions/${chat}/ticket`, { priority: 'high' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      channel: 'chat',
      priority: 'high',
      subject: 'Help',
      chatIds: [chat],
      requester: { id: yaw.user!.id },
      assignee: { id: kofi.user!.id },
      status: 'open',
    });
    // Without a body at all, as with {}.
    const again = await kofi.request('POST', `/api/v1/sessions/${chat}/ticket`);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(made.body.id);
    expect((await kofi.get(`/api/v1/sessions/${chat}`)).body.ticketId).toBe(made.body.id);
    const desk = await kofi.get(`/api/v1/tickets/${made.body.id}/messages`);
    expect(desk.body.items.map((m: { kind: string; body: string }) => [m.kind, m.body])).toEqual([
      ['reply', 'Hi'],
      ['reply', 'Let me check'],
      ['note', 'Bursar is out'],
    ]);
    const own = await yaw.get(`/api/v1/tickets/${made.body.id}/messages`);
    expect(own.body.items.map((m: { body: string }) => m.body)).toEqual(['Hi', 'Let me check']);
  });
});
