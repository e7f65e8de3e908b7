// Concurrent sends stored together (messageBatch.ts): every send of a batch gets the answer it
// would have had alone, whatever else the batch holds, and a batch that fails as a whole falls
// back to each piece alone.
import { afterEach, expect, it, vi } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { replayEvents } from '../../src/services/messages/messageReader.js';
import { sendBatch } from '../../src/services/messages/messageBatch.js';
import { sendMessage } from '../../src/services/messages/messageSender.js';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import { findSessionRow } from '../../src/storage/repositories/sessions/sessionRecords.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld, testSettings } from '../support/world.js';

async function outcome(call: Promise<{ duplicate: boolean; message: { row: { seq: number } } }>) {
  try {
    const { duplicate, message } = await call;
    return duplicate ? `duplicate of ${message.row.seq}` : `seq ${message.row.seq}`;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return error.code;
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describeEachDatabase('sends stored together', (db) => {
  async function chats(burst: number) {
    const world = makeWorld(db(), {
      abuseLimits: { ...testSettings.abuseLimits, messageBurst: burst, openChatsPerCustomer: 10 },
    });
    const agent = await world.agent('Ama', { max: 10 });
    const customer = await world.customer('Yaw');
    const stranger = await world.customer('Kofi');
    const first = await world.startChat(customer);
    const second = await world.startChat(customer);
    const ended = await world.startChat(customer);
    await world.routing.idle();
    await endSession(world.ctx, { viewer: customer, sessionId: ended });
    return { world, agent, customer, stranger, first, second, ended };
  }

  it('answers each send of one batch as if it had been alone, in order', async () => {
    const { world, agent, customer, stranger, first, second, ended } = await chats(4);
    const stored = await sendMessage(world.ctx, {
      viewer: customer,
      sessionId: first,
      text: 'Stored before',
      clientId: 'c-0',
    });
    const frames = world.published.length;
    const run = vi.spyOn(sendBatch, 'run');
    const send = (viewer: typeof customer, sessionId: string, text: string, clientId?: string) =>
      outcome(sendMessage(world.ctx, { viewer, sessionId, text, clientId }));

    const outcomes = await Promise.all([
      send(customer, first, 'Hello', 'c-1'),
      send(agent, first, 'Hi, how can I help?'),
      send(customer, first, 'Hello', 'c-1'),
      send(customer, first, 'Retry of the stored one', 'c-0'),
      send(customer, first, 'My password'),
      send(customer, first, 'Over the budget'),
      send(stranger, first, 'Let me in'),
      send(customer, world.ctx.ids.next(), 'Anyone?'),
      send(customer, ended, 'After the end'),
      send(agent, second, 'Anything else?'),
    ]);

    // One batch. The chat's budget (4) was spent by the stored message, Hello, Hi and My
    // password (the opening message is not counted): the stored message's retry and Hello's
    // own retry in the batch cost nothing.
    // (On PostgreSQL other sessions may fall in other lanes: a batch per lane.)
    const batches = run.mock.calls.map(([, sends]) => sends);
    const ofFirst = batches.filter((sends) => sends.some((s) => s.props.sessionId === first));
    expect(ofFirst).toHaveLength(1);
    expect(ofFirst[0]!.filter((s) => s.props.sessionId === first)).toHaveLength(7);
    const startSeq = stored.message.row.seq;
    expect(outcomes).toEqual([
      `seq ${startSeq + 1}`,
      `seq ${startSeq + 2}`,
      `duplicate of ${startSeq + 1}`,
      `duplicate of ${startSeq}`,
      `seq ${startSeq + 3}`,
      'RATE_LIMITED',
      // Another customer's chat does not exist for them.
      'NOT_FOUND',
      'NOT_FOUND',
      'SESSION_ENDED',
      expect.stringMatching(/^seq \d+$/),
    ]);
    const log = await replayEvents(world.ctx, first, 0, 100);
    expect(log.map((f) => f.seq)).toEqual(log.map((_, i) => i + 1));
    const texts = log.flatMap((f) =>
      f.event.kind === 'message.created' && f.event.message.type === 'text'
        ? [f.event.message.text]
        : [],
    );
    expect(texts).toEqual([
      'Hello, I need help',
      'Stored before',
      'Hello',
      'Hi, how can I help?',
      'My password',
    ]);
    // The session as the three messages left it: waiting for the agent again since the last.
    const row = (await findSessionRow(world.ctx.store.db, first))!;
    expect(row.last_seq).toBe(startSeq + 3);
    expect(row.awaiting_agent_since).not.toBeNull();
    expect(row.first_agent_reply_at).not.toBeNull();
    // Frames only for what was accepted or found stored, each after the commit, in order.
    const published = world.published.slice(frames).filter((p) => p.topic === `session:${first}`);
    expect(published.map((p) => p.frame.type === 'session.event' && p.frame.seq)).toEqual([
      startSeq + 1,
      startSeq + 2,
      startSeq + 1,
      startSeq,
      startSeq + 3,
    ]);
  });

  it('falls back to each send alone when the batch fails as a whole', async () => {
    const { world, customer, first, second } = await chats(20);
    vi.spyOn(sendBatch, 'run').mockRejectedValue(new Error('a batch that cannot run'));
    const outcomes = await Promise.all([
      outcome(sendMessage(world.ctx, { viewer: customer, sessionId: first, text: 'One' })),
      outcome(sendMessage(world.ctx, { viewer: customer, sessionId: second, text: 'Two' })),
      outcome(sendMessage(world.ctx, { viewer: customer, sessionId: first, text: 'Three' })),
    ]);
    expect(outcomes.every((o) => o.startsWith('seq '))).toBe(true);
    const log = await replayEvents(world.ctx, first, 0, 100);
    expect(log.map((f) => f.seq)).toEqual(log.map((_, i) => i + 1));
  });
});
