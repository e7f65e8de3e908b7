// Internal notes over real HTTP and WebSocket connections: every path to the customer (live
// frames, replay after a resume, typing, REST lists and counts) leaves the note out, while the
// desk gets it, and a colleague named with @ hears of it and may then follow the chat.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Message } from '../../src/shared/api.js';
import type { ServerFrame } from '../../src/shared/protocol.js';
import { describeEachDatabase } from '../support/databases.js';
import { startTestNode, type Client, type TestNode } from '../support/testNode.js';

const isMessage = (text: string) => (f: ServerFrame) =>
  f.type === 'session.event' && f.event.kind === 'message.created' && f.event.message.text === text;
/** Anything that would give a note away: its type, its text. */
const mentionsNote = (f: ServerFrame) =>
  ['"note"', 'Refund approved', 'Second note'].some((part) => JSON.stringify(f).includes(part));

describeEachDatabase('internal notes on the wire', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  async function activeChat(): Promise<{ ama: Client; yaw: Client; sessionId: string }> {
    const ama = await server.signUp('Ama', 'admin');
    const yaw = await server.signUp('Yaw');
    const sessionId = await yaw.startChat();
    expect((await ama.post(`/api/v1/sessions/${sessionId}/take`)).status).toBe(200);
    return { ama, yaw, sessionId };
  }

  it('never sends a note to the customer, live, on replay or in the REST API', async () => {
    const { ama, yaw, sessionId } = await activeChat();
    const boss = await server.signUp('Ada', 'super_admin');
    const customerSocket = await yaw.socket();
    await customerSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });
    const amaSocket = await ama.socket();
    await amaSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });
    const bossSocket = await boss.socket();
    await bossSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });
    const fromHere = customerSocket.frames.length;

    // Writing a note: the desk sees who is writing one, the customer nothing.
    amaSocket.send({ type: 'typing', sessionId, typing: true, note: true });
    expect(
      await bossSocket.waitFor((f) => f.type === 'typing' && f.user.name === 'Ama'),
    ).toMatchObject({ note: true });
    const ack = await amaSocket.call({
      type: 'message.send',
      sessionId,
      clientId: 'n-1',
      text: 'Refund approved by Finance',
      messageType: 'note',
    });
    expect(ack).toMatchObject({ type: 'ack', message: { type: 'note' } });
    const rest = await ama.post<Message>(`/api/v1/sessions/${sessionId}/messages`, {
      text: 'Second note',
      type: 'note',
    });
    expect(rest).toMatchObject({ status: 201, body: { type: 'note' } });
    await bossSocket.waitFor(isMessage('Second note'));
    await amaSocket.waitFor(isMessage('Refund approved by Finance'));

    // The reply that follows reaches the customer, and is the first thing they hear since.
    amaSocket.send({ type: 'typing', sessionId, typing: true });
    await ama.post(`/api/v1/sessions/${sessionId}/messages`, { text: 'Your refund is on its way' });
    await customerSocket.waitFor(isMessage('Your refund is on its way'), { from: fromHere });
    const heard = customerSocket.frames.slice(fromHere);
    expect(heard.filter((f) => f.type === 'session.event').length).toBe(1);
    expect(heard.filter(mentionsNote)).toEqual([]);
    expect(heard.filter((f) => f.type === 'typing').every((f) => !('note' in f))).toBe(true);

    // Resuming from the start replays the chat without them.
    const resumed = await yaw.socket();
    const start = resumed.frames.length;
    await resumed.call({ type: 'subscribe', sessionId, afterSeq: 0 });
    const replayed = resumed.frames.slice(start).filter((f) => f.type === 'session.event');
    expect(replayed.some(isMessage('Your refund is on its way'))).toBe(true);
    expect(replayed.filter(mentionsNote)).toEqual([]);
    const deskReplay = await ama.socket();
    await deskReplay.call({ type: 'subscribe', sessionId, afterSeq: 0 });
    expect(deskReplay.frames.some(isMessage('Second note'))).toBe(true);

    // The REST API: the conversation, the chat in the lists, its unread count.
    const listed = await yaw.get<{ items: Message[] }>(`/api/v1/sessions/${sessionId}/messages`);
    expect(listed.body.items.map((m) => m.type)).not.toContain('note');
    expect(listed.body.items.at(-1)?.text).toBe('Your refund is on its way');
    const lists = await yaw.get<{ items: Array<{ id: string; unreadCount: number }> }>(
      '/api/v1/sessions?view=active',
    );
    expect(lists.body.items.find((s) => s.id === sessionId)?.unreadCount).toBe(1);
    const deskList = await ama.get<{ items: Message[] }>(`/api/v1/sessions/${sessionId}/messages`);
    expect(deskList.body.items.filter((m) => m.type === 'note').map((m) => m.text)).toEqual([
      'Refund approved by Finance',
      'Second note',
    ]);
    for (const socket of [customerSocket, amaSocket, bossSocket, resumed, deskReplay]) {
      socket.close();
    }
  });

  it('refuses a note from the customer, on the socket and the REST API', async () => {
    const { yaw, sessionId } = await activeChat();
    const socket = await yaw.socket();
    expect(
      await socket.call({
        type: 'message.send',
        sessionId,
        clientId: 'c-1',
        text: 'x',
        messageType: 'note',
      }),
    ).toMatchObject({ type: 'error', clientId: 'c-1', error: { code: 'FORBIDDEN' } });
    const rest = await yaw.post(`/api/v1/sessions/${sessionId}/messages`, {
      text: 'x',
      type: 'note',
    });
    expect(rest).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    const bad = await yaw.post(`/api/v1/sessions/${sessionId}/messages`, {
      text: 'x',
      type: 'system',
    });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    socket.close();
  });

  it('tells a mentioned colleague, who may then open and follow the chat', async () => {
    const { ama, sessionId } = await activeChat();
    const kofi = await server.signUp('Kofi', 'admin');
    const kofiSocket = await kofi.socket();
    await kofiSocket.waitFor((f) => f.type === 'hello');
    expect((await kofi.get(`/api/v1/sessions/${sessionId}`)).status).toBe(404);

    await ama.post(`/api/v1/sessions/${sessionId}/messages`, {
      text: '@kofi could you check the fee waiver?',
      type: 'note',
    });
    const mention = await kofiSocket.waitFor((f) => f.type === 'note.mentioned');
    expect(mention).toMatchObject({
      sessionId,
      subject: 'Help',
      customer: { name: 'Yaw' },
      message: { type: 'note', sender: { name: 'Ama' } },
    });
    expect((await kofi.get(`/api/v1/sessions/${sessionId}`)).status).toBe(200);
    await kofiSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });
    expect(kofiSocket.frames.some(isMessage('@kofi could you check the fee waiver?'))).toBe(true);
    kofiSocket.close();
  });

  it('keeps following a waiting chat a colleague takes, once mentioned in it', async () => {
    const ama = await server.signUp('Ama', 'admin');
    const kofi = await server.signUp('Kofi', 'admin');
    const yaw = await server.signUp('Yaw');
    const sessionId = await yaw.startChat();
    const kofiSocket = await kofi.socket();
    await kofiSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });
    await ama.post(`/api/v1/sessions/${sessionId}/messages`, {
      text: 'Yours, @Kofi? It is about fees',
      type: 'note',
    });
    await kofiSocket.waitFor((f) => f.type === 'note.mentioned');
    expect((await ama.post(`/api/v1/sessions/${sessionId}/take`)).status).toBe(200);
    await ama.post(`/api/v1/sessions/${sessionId}/messages`, { text: 'Hello Yaw' });
    await kofiSocket.waitFor(isMessage('Hello Yaw'));
    expect(kofiSocket.frames.filter((f) => f.type === 'unsubscribed')).toEqual([]);
    kofiSocket.close();
  });
});
