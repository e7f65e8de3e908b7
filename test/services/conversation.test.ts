// A conversation's life against a real database: messages with sequence numbers, idempotent
// retries, read receipts, system messages, ending and rating, and the replay log.
import { expect, it } from 'vitest';
import { listMessages, replayEvents } from '../../src/services/messages/messageReader.js';
import { markRead } from '../../src/services/messages/readMarker.js';
import { sendMessage } from '../../src/services/messages/messageSender.js';
import { transferSession } from '../../src/services/transfers/agentTransfer.js';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import { rateSession } from '../../src/services/sessions/sessionRater.js';
import { getSession, listSessions } from '../../src/services/sessions/sessionReader.js';
import { tagSession } from '../../src/services/sessions/sessionTagger.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld, type World } from '../support/world.js';

async function activeChat(world: World) {
  const agent = await world.agent('Ama');
  const customer = await world.customer('Yaw');
  const sessionId = await world.startChat(customer, { message: 'My password stopped working' });
  await world.routing.idle();
  return { agent, customer, sessionId };
}

describeEachDatabase('conversation', (db) => {
  it('numbers every event of a session in order, messages and updates alike', async () => {
    const world = makeWorld(db());
    const { agent, customer, sessionId } = await activeChat(world);
    await sendMessage(world.ctx, { viewer: agent, sessionId, text: 'Let me check' });
    await sendMessage(world.ctx, { viewer: customer, sessionId, text: 'Thanks' });
    const frames = await replayEvents(world.ctx, sessionId, 0, 100);
    expect(frames.map((f) => f.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(
      frames.map((f) => (f.event.kind === 'message.created' ? f.event.message.text : f.event.kind)),
    ).toEqual([
      'My password stopped working',
      'Ama joined the chat',
      'session.updated',
      'Let me check',
      'Thanks',
    ]);
    expect((await replayEvents(world.ctx, sessionId, 3, 100)).map((f) => f.seq)).toEqual([4, 5]);
  });

  it('stores a retried send once and returns the first message', async () => {
    const world = makeWorld(db());
    const { customer, sessionId } = await activeChat(world);
    const first = await sendMessage(world.ctx, {
      viewer: customer,
      sessionId,
      text: 'Hello?',
      clientId: 'c-1',
    });
    const retry = await sendMessage(world.ctx, {
      viewer: customer,
      sessionId,
      text: 'Hello?',
      clientId: 'c-1',
    });
    expect(first.duplicate).toBe(false);
    expect(retry.duplicate).toBe(true);
    expect(retry.message.row.id).toBe(first.message.row.id);
    const concurrent = await Promise.all(
      [1, 2, 3].map(() =>
        sendMessage(world.ctx, { viewer: customer, sessionId, text: 'Again', clientId: 'c-2' }),
      ),
    );
    expect(new Set(concurrent.map((c) => c.message.row.id)).size).toBe(1);
    const { records } = await listMessages(world.ctx, customer, sessionId, { limit: 50 });
    expect(records.filter((r) => r.row.client_id === 'c-2')).toHaveLength(1);
  });

  it('records the first agent reply time once', async () => {
    const world = makeWorld(db());
    const { agent, sessionId } = await activeChat(world);
    world.clock.advance(42_000);
    await sendMessage(world.ctx, { viewer: agent, sessionId, text: 'Hi!' });
    world.clock.advance(10_000);
    await sendMessage(world.ctx, { viewer: agent, sessionId, text: 'Still there?' });
    const session = await getSession(world.ctx, agent, sessionId);
    expect(session.row.first_agent_reply_at! - session.row.assigned_at!).toBe(42_000);
  });

  it('lets only the participants write, and the agent only once the chat is theirs', async () => {
    const world = makeWorld(db());
    const other = await world.agent('Kofi', { autoAssign: false });
    const { customer, sessionId } = await activeChat(world);
    await expect(
      sendMessage(world.ctx, { viewer: other, sessionId, text: 'hi' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const stranger = await world.customer('Stranger');
    await expect(
      sendMessage(world.ctx, { viewer: stranger, sessionId, text: 'hi' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await endSession(world.ctx, { viewer: customer, sessionId });
    await expect(
      sendMessage(world.ctx, { viewer: customer, sessionId, text: 'late' }),
    ).rejects.toMatchObject({
      code: 'SESSION_ENDED',
    });
  });

  it('marks messages read, moves unread counts and emits one receipt per move', async () => {
    const world = makeWorld(db());
    const { agent, customer, sessionId } = await activeChat(world);
    await sendMessage(world.ctx, { viewer: agent, sessionId, text: 'One' });
    await sendMessage(world.ctx, { viewer: agent, sessionId, text: 'Two' });
    const before = await getSession(world.ctx, customer, sessionId);
    expect(before.unreadCount).toBe(2);
    const upTo = before.row.last_seq;
    expect(await markRead(world.ctx, { viewer: customer, sessionId, upToSeq: upTo })).toBe(upTo);
    expect(await markRead(world.ctx, { viewer: customer, sessionId, upToSeq: upTo })).toBeNull();
    const after = await getSession(world.ctx, customer, sessionId);
    expect(after.unreadCount).toBe(0);
    const { records } = await listMessages(world.ctx, agent, sessionId, { limit: 50 });
    expect(
      records.filter((r) => r.row.sender_id === agent.id).every((r) => r.row.is_read === 1),
    ).toBe(true);
    expect(
      records.filter((r) => r.row.sender_id === customer.id).every((r) => r.row.is_read === 0),
    ).toBe(true);
    const receipts = (await replayEvents(world.ctx, sessionId, 0, 100)).filter(
      (f) => f.event.kind === 'messages.read',
    );
    expect(receipts).toHaveLength(1);
  });

  it('pages back through history and forward from a seq', async () => {
    const world = makeWorld(db());
    const { customer, sessionId } = await activeChat(world);
    for (let i = 1; i <= 7; i++)
      await sendMessage(world.ctx, { viewer: customer, sessionId, text: `m${i}` });
    const newest = await listMessages(world.ctx, customer, sessionId, { limit: 3 });
    expect(newest.records.map((r) => r.row.message_text)).toEqual(['m5', 'm6', 'm7']);
    expect(newest.hasMore).toBe(true);
    const older = await listMessages(world.ctx, customer, sessionId, {
      limit: 3,
      beforeSeq: newest.records[0]!.row.seq,
    });
    expect(older.records.map((r) => r.row.message_text)).toEqual(['m2', 'm3', 'm4']);
    const after = await listMessages(world.ctx, customer, sessionId, {
      limit: 50,
      afterSeq: newest.records[1]!.row.seq,
    });
    expect(after.records.map((r) => r.row.message_text)).toEqual(['m7']);
  });

  it('ends with a rating from the customer, once', async () => {
    const world = makeWorld(db());
    const { agent, customer, sessionId } = await activeChat(world);
    await expect(
      endSession(world.ctx, { viewer: agent, sessionId, rating: 5 }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const ended = await endSession(world.ctx, {
      viewer: customer,
      sessionId,
      rating: 4,
      feedback: 'Quick',
    });
    expect(ended.row).toMatchObject({
      status: 'ended',
      ended_by: 'user',
      rating: 4,
      feedback: 'Quick',
    });
    await expect(
      rateSession(world.ctx, { viewer: customer, sessionId, rating: 5 }),
    ).rejects.toMatchObject({
      code: 'ALREADY_RATED',
    });
    await expect(endSession(world.ctx, { viewer: customer, sessionId })).rejects.toMatchObject({
      code: 'SESSION_ENDED',
    });
    const agentState = await db()
      .db.selectFrom('chat_agent_status')
      .selectAll()
      .where('agent_id', '=', agent.id)
      .executeTakeFirstOrThrow();
    expect(agentState.current_chat_count).toBe(0);
  });

  it('takes a rating after the chat has ended', async () => {
    const world = makeWorld(db());
    const { agent, customer, sessionId } = await activeChat(world);
    await expect(
      rateSession(world.ctx, { viewer: customer, sessionId, rating: 3 }),
    ).rejects.toMatchObject({
      code: 'SESSION_NOT_ENDED',
    });
    await endSession(world.ctx, { viewer: agent, sessionId });
    const rated = await rateSession(world.ctx, {
      viewer: customer,
      sessionId,
      rating: 3,
      feedback: 'OK',
    });
    expect(rated.row).toMatchObject({ rating: 3, feedback: 'OK', ended_by: 'agent' });
  });

  it('transfers a chat: the new agent gets it and the old one keeps the transcript', async () => {
    const world = makeWorld(db());
    const { agent, customer, sessionId } = await activeChat(world);
    const kofi = await world.agent('Kofi', { autoAssign: false, connected: true });
    const moved = await transferSession(world.ctx, { viewer: agent, sessionId, agentId: kofi.id });
    expect(moved.agent?.id).toBe(kofi.id);
    await expect(
      sendMessage(world.ctx, { viewer: agent, sessionId, text: 'x' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await sendMessage(world.ctx, { viewer: kofi, sessionId, text: 'Kofi here' });
    const loads = await db()
      .db.selectFrom('chat_agent_status')
      .select(['agent_id', 'current_chat_count'])
      .execute();
    expect(Object.fromEntries(loads.map((l) => [l.agent_id, l.current_chat_count]))).toEqual({
      [agent.id]: 0,
      [kofi.id]: 1,
    });
    const history = await listSessions(world.ctx, agent, { view: 'all', limit: 10 });
    expect(history.items.map((i) => i.row.id)).toContain(sessionId);
    expect((await getSession(world.ctx, customer, sessionId)).agent?.name).toBe('Kofi');
  });

  it('tells every agent who took part when the chat ends, for their History', async () => {
    const world = makeWorld(db());
    const { agent, customer, sessionId } = await activeChat(world);
    const kofi = await world.agent('Kofi', { autoAssign: false, connected: true });
    await transferSession(world.ctx, { viewer: agent, sessionId, agentId: kofi.id });
    world.published.length = 0;
    await endSession(world.ctx, { viewer: customer, sessionId });
    const told = world.published
      .filter((p) => p.frame.type === 'sessions.changed' && p.topic.startsWith('user:'))
      .map((p) => p.topic);
    expect(told.sort()).toEqual(
      [`user:${agent.id}`, `user:${customer.id}`, `user:${kofi.id}`].sort(),
    );
  });

  it('tags a chat, normalised and without duplicates', async () => {
    const world = makeWorld(db());
    const { agent, sessionId } = await activeChat(world);
    const tagged = await tagSession(world.ctx, {
      viewer: agent,
      sessionId,
      tags: ['Login', 'password', 'login'],
    });
    expect(tagged.tags).toEqual(['login', 'password']);
  });

  it('lists what each person may see, in the three agent tabs', async () => {
    const world = makeWorld(db());
    const { agent, customer, sessionId } = await activeChat(world);
    const waitingChat = await world.startChat(await world.customer('Abena'), {
      priority: 'urgent',
    });
    await world.routing.idle();
    const ids = async (viewer: typeof agent, view: 'active' | 'waiting' | 'history' | 'all') =>
      (await listSessions(world.ctx, viewer, { view, limit: 20 })).items.map((i) => i.row.id);
    // Ama has room (max 5), so the urgent chat was routed to her as well.
    expect((await ids(agent, 'active')).sort()).toEqual([sessionId, waitingChat].sort());
    await endSession(world.ctx, { viewer: customer, sessionId });
    expect(await ids(agent, 'history')).toEqual([sessionId]);
    expect(await ids(customer, 'all')).toEqual([sessionId]);
    const kofi = await world.agent('Kofi', { autoAssign: false });
    expect(await ids(kofi, 'history')).toEqual([]);
  });
});
