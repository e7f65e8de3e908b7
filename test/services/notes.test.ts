// Internal notes against a real database: who may write them, that the customer's side of every
// stored path (message lists, unread counts, read receipts, the awaiting-reply clock, the chat's
// activity) never sees one, and that `@name` asks a colleague in.
import { expect, it } from 'vitest';
import { topics } from '../../src/bus/bus.js';
import { DEFAULT_ABUSE_LIMITS } from '../../src/domain/abuseLimits.js';
import { listMessages, replayEvents } from '../../src/services/messages/messageReader.js';
import { markRead } from '../../src/services/messages/readMarker.js';
import { sendMessage } from '../../src/services/messages/messageSender.js';
import { transferSession } from '../../src/services/transfers/agentTransfer.js';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import { getSession, listSessions } from '../../src/services/sessions/sessionReader.js';
import { deskParticipants } from '../../src/storage/repositories/sessions/sessionParticipants.js';
import { findSessionRow } from '../../src/storage/repositories/sessions/sessionRecords.js';
import type { Viewer } from '../../src/domain/policies.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld, type World } from '../support/world.js';

async function activeChat(world: World) {
  const agent = await world.agent('Ama');
  const customer = await world.customer('Yaw');
  const sessionId = await world.startChat(customer, { message: 'My fees are wrong' });
  await world.routing.idle();
  return { agent, customer, sessionId };
}

const texts = async (world: World, viewer: Viewer, sessionId: string) =>
  (await listMessages(world.ctx, viewer, sessionId, { limit: 50 })).records.map(
    (r) => r.row.message_text,
  );

const note = (viewer: Viewer, sessionId: string, text: string) => ({
  viewer,
  sessionId,
  text,
  type: 'note' as const,
});

describeEachDatabase('internal notes', (db) => {
  it('lists a note for the desk and never for the customer', async () => {
    const world = makeWorld(db());
    const { agent, customer, sessionId } = await activeChat(world);
    const boss = await world.superAdmin('Ada');
    await sendMessage(world.ctx, note(agent, sessionId, 'Refund was approved last week'));
    await sendMessage(world.ctx, { viewer: agent, sessionId, text: 'Let me check' });

    expect(await texts(world, customer, sessionId)).toEqual([
      'My fees are wrong',
      'Ama joined the chat',
      'Let me check',
    ]);
    for (const desk of [agent, boss]) {
      expect(await texts(world, desk, sessionId)).toContain('Refund was approved last week');
    }
    // Pages are counted in what the customer sees: one page of 2 ends exactly at the last one.
    const page = await listMessages(world.ctx, customer, sessionId, { afterSeq: 1, limit: 2 });
    expect(page.records.map((r) => r.row.message_text)).toEqual([
      'Ama joined the chat',
      'Let me check',
    ]);
    expect(page.hasMore).toBe(false);
    // The log keeps it, in its place, for replay (each socket then applies the rule).
    const logged = await replayEvents(world.ctx, sessionId, 0, 100);
    expect(
      logged.some((f) => f.event.kind === 'message.created' && f.event.message.type === 'note'),
    ).toBe(true);
  });

  it('lets the assigned, past and mentioned agents and super admins write notes, not the customer', async () => {
    const world = makeWorld(db());
    const { agent, customer, sessionId } = await activeChat(world);
    const stranger = await world.agent('Kofi', { autoAssign: false });
    const boss = await world.superAdmin('Ada');
    await expect(sendMessage(world.ctx, note(customer, sessionId, 'sneaky'))).rejects.toMatchObject(
      { code: 'FORBIDDEN' },
    );
    await expect(sendMessage(world.ctx, note(stranger, sessionId, 'hi'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await sendMessage(world.ctx, note(boss, sessionId, 'Watch the tone'));

    const esi = await world.agent('Esi', { autoAssign: false, connected: true });
    await transferSession(world.ctx, { viewer: agent, sessionId, agentId: esi.id });
    // Ama handed it on: she cannot reply any more, but may still leave a note for Esi.
    await expect(
      sendMessage(world.ctx, { viewer: agent, sessionId, text: 'one more thing' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await sendMessage(world.ctx, note(agent, sessionId, 'He paid by card'));

    await endSession(world.ctx, { viewer: esi, sessionId });
    await sendMessage(world.ctx, note(esi, sessionId, 'Wrap-up: refund sent'));
    const notes = (await listMessages(world.ctx, esi, sessionId, { limit: 50 })).records.filter(
      (r) => r.row.message_type === 'note',
    );
    expect(notes.map((r) => [r.sender?.name, r.row.message_text])).toEqual([
      ['Ada', 'Watch the tone'],
      ['Ama', 'He paid by card'],
      ['Esi', 'Wrap-up: refund sent'],
    ]);
  });

  it('is no reply: the awaiting clock, first reply and last activity stay as they were', async () => {
    const world = makeWorld(db());
    const { agent, sessionId } = await activeChat(world);
    const before = (await findSessionRow(world.ctx.store.db, sessionId))!;
    expect(before.awaiting_agent_since).not.toBeNull();
    const mark = world.published.length;
    world.clock.advance(60_000);
    await sendMessage(world.ctx, note(agent, sessionId, 'Checking with Finance'));
    const after = (await findSessionRow(world.ctx.store.db, sessionId))!;
    expect(after.awaiting_agent_since).toBe(before.awaiting_agent_since);
    expect(after.first_agent_reply_at).toBeNull();
    expect(after.last_message_at).toBe(before.last_message_at);
    expect(after.last_seq).toBe(before.last_seq + 1);
    // Only the session's own topic hears of it (where each socket applies the rule).
    expect(world.published.slice(mark).map((p) => p.topic)).toEqual([topics.session(sessionId)]);
  });

  it('counts a note as unread for nobody, and gives it no read ticks', async () => {
    const world = makeWorld(db());
    const { agent, customer, sessionId } = await activeChat(world);
    const boss = await world.superAdmin('Ada');
    await markRead(world.ctx, { viewer: customer, sessionId, upToSeq: 100 });
    await markRead(world.ctx, { viewer: agent, sessionId, upToSeq: 100 });
    const { message } = await sendMessage(world.ctx, note(boss, sessionId, 'Be quick'));
    const unread = async (viewer: Viewer) =>
      (await listSessions(world.ctx, viewer, { view: 'all', limit: 10 })).items.find(
        (s) => s.row.id === sessionId,
      )?.unreadCount;
    expect(await unread(customer)).toBe(0);
    // No receipt would clear it: the agent's list must not hold a count it cannot read away.
    expect(await unread(agent)).toBe(0);
    await sendMessage(world.ctx, { viewer: customer, sessionId, text: 'Hello?' });
    expect(await unread(agent)).toBe(1);

    // A receipt past nothing but the note moves nothing, and the note stays unticked.
    const seq = message.row.seq;
    expect(await markRead(world.ctx, { viewer: customer, sessionId, upToSeq: seq })).toBeNull();
    const found = await sendMessage(world.ctx, { viewer: agent, sessionId, text: 'Found it' });
    const upToSeq = found.message.row.seq;
    await markRead(world.ctx, { viewer: customer, sessionId, upToSeq });
    const stored = (await listMessages(world.ctx, agent, sessionId, { limit: 50 })).records;
    expect(stored.find((r) => r.row.message_type === 'note')?.row.is_read).toBe(0);
    expect(stored.at(-1)?.row.is_read).toBe(1);
  });

  it('hides notes from an agent who is the chat’s customer', async () => {
    const world = makeWorld(db());
    const agent = await world.agent('Ama');
    const colleague = await world.agent('Kofi', { autoAssign: false });
    await world.routing.idle();
    const sessionId = await world.startChat(colleague, { message: 'My laptop' });
    await world.routing.idle();
    await sendMessage(world.ctx, note(agent, sessionId, 'Kofi again'));
    await sendMessage(world.ctx, { viewer: agent, sessionId, text: 'Hi Kofi' });
    expect(await texts(world, colleague, sessionId)).not.toContain('Kofi again');
    await expect(sendMessage(world.ctx, note(colleague, sessionId, 'x'))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const unread = (await listSessions(world.ctx, colleague, { view: 'all', limit: 10 })).items;
    expect(unread.find((s) => s.row.id === sessionId)?.unreadCount).toBe(1);
  });

  it('spends the chat’s message budget like a message', async () => {
    const world = makeWorld(db(), {
      abuseLimits: { ...DEFAULT_ABUSE_LIMITS, messagesPerSecond: 1, messageBurst: 3 },
    });
    const { agent, sessionId } = await activeChat(world);
    let taken = 0;
    let refused: unknown = null;
    // The clock stands still: the bucket never refills.
    while (!refused && taken < 10) {
      await sendMessage(world.ctx, note(agent, sessionId, `note ${taken}`)).then(
        () => taken++,
        (error: unknown) => (refused = error),
      );
    }
    expect(refused).toMatchObject({ code: 'RATE_LIMITED' });
    expect(taken).toBeLessThanOrEqual(3);
    await expect(
      sendMessage(world.ctx, { viewer: agent, sessionId, text: 'and a reply' }),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('asks a mentioned agent in: a frame to them, and read access from then on', async () => {
    const world = makeWorld(db());
    const { agent, customer, sessionId } = await activeChat(world);
    const kofi = await world.agent('Kofi Boateng', { autoAssign: false });
    expect(await getSession(world.ctx, kofi, sessionId).catch((e) => e.code)).toBe('NOT_FOUND');
    const mark = world.published.length;
    await sendMessage(world.ctx, note(agent, sessionId, 'Can you look, @kofi? Thanks @Yaw'));

    const mentions = world.published.slice(mark).filter((p) => p.frame.type === 'note.mentioned');
    // The customer is no colleague, even named.
    expect(mentions.map((p) => p.topic)).toEqual([topics.user(kofi.id)]);
    expect(mentions[0]!.frame).toMatchObject({
      sessionId,
      subject: 'Cannot sign in',
      customer: { name: 'Yaw' },
      message: { type: 'note', text: 'Can you look, @kofi? Thanks @Yaw', sender: { name: 'Ama' } },
    });
    expect((await getSession(world.ctx, kofi, sessionId)).row.id).toBe(sessionId);
    expect(await texts(world, kofi, sessionId)).toContain('Can you look, @kofi? Thanks @Yaw');
    // He may answer with a note, not to the customer.
    await sendMessage(world.ctx, note(kofi, sessionId, 'Done, @Ama'));
    await expect(
      sendMessage(world.ctx, { viewer: kofi, sessionId, text: 'Hello Yaw' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await texts(world, customer, sessionId)).not.toContain('Done, @Ama');
    expect(await deskParticipants(world.ctx.store.db, sessionId)).toMatchObject({
      mentionedAgentIds: [kofi.id],
    });
  });

  it('makes a mentioned agent who takes the chat over one of its agents', async () => {
    const world = makeWorld(db());
    const { agent, sessionId } = await activeChat(world);
    const kofi = await world.agent('Kofi', { autoAssign: false, connected: true });
    await sendMessage(world.ctx, note(agent, sessionId, '@Kofi can you take this?'));
    await transferSession(world.ctx, { viewer: agent, sessionId, agentId: kofi.id });
    const desk = await deskParticipants(world.ctx.store.db, sessionId);
    expect(desk.mentionedAgentIds).toEqual([]);
    expect(new Set(desk.pastAgentIds)).toEqual(new Set([agent.id, kofi.id]));
  });
});
