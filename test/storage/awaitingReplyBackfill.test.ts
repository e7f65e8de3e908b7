// Migration 0007 (after main's 0006): open chats from before 0005 get awaiting_agent_since from
// their messages, as the running code would have kept it; closed chats and chats that already
// have it are left alone.
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { updateOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { sendMessage } from '../../src/services/messages/messageSender.js';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import { up } from '../../src/storage/migrations/0008_awaiting_reply_backfill.js';
import { migrations } from '../../src/storage/migrations/index.js';
import { findSessionRow } from '../../src/storage/repositories/sessions/sessionRecords.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld, testSettings } from '../support/world.js';

describeEachDatabase('migration 0007: awaiting reply backfill', (db) => {
  it('runs after the migration that added the column', () => {
    const names = Object.keys(migrations).sort();
    expect(names.indexOf('0008_awaiting_reply_backfill')).toBeGreaterThan(
      names.indexOf('0005_stranded_chats'),
    );
  });

  it('dates an open chat’s wait from the oldest customer message after the agent’s last one', async () => {
    const world = makeWorld(db(), {
      abuseLimits: { ...testSettings.abuseLimits, openChatsPerCustomer: 100, chatsPerHour: 100 },
    });
    const ama = await world.agent('Ama', { max: 3 });
    const yaw = await world.customer('Yaw');
    const say = async (viewer: typeof ama, sessionId: string, text: string) => {
      world.clock.advance(60_000);
      await sendMessage(world.ctx, { viewer, sessionId, text });
      return world.clock.now();
    };
    // Answered, then asked twice more: waits since the first of the two.
    const unanswered = await world.startChat(yaw);
    await world.routing.idle();
    await say(yaw, unanswered, 'Hello?');
    await say(ama, unanswered, 'Hi Yaw');
    const since = await say(yaw, unanswered, 'My card is lost');
    await say(yaw, unanswered, 'Can you block it?');
    // Answered last: waits for nothing.
    const answered = await world.startChat(yaw);
    await world.routing.idle();
    await say(ama, answered, 'Done');
    // Ended with the customer's message last: closed chats are left alone.
    const ended = await world.startChat(yaw);
    await world.routing.idle();
    await say(yaw, ended, 'Bye');
    await endSession(world.ctx, { viewer: yaw, sessionId: ended });
    // Still waiting for an agent (Ama is busy): waits since the message that started it.
    await updateOwnAgentState(world.ctx, ama, { status: 'busy' });
    world.clock.advance(60_000);
    const waitingStarted = world.clock.now();
    const waiting = await world.startChat(yaw);
    await world.routing.idle();
    expect((await findSessionRow(db().db, waiting))?.status).toBe('waiting');

    // As a chat from before 0005 looks.
    await db().db.updateTable('chat_sessions').set({ awaiting_agent_since: null }).execute();
    await up(db().db as unknown as Kysely<unknown>);

    const awaiting = async (id: string) =>
      (await findSessionRow(db().db, id))?.awaiting_agent_since ?? null;
    expect(await awaiting(unanswered)).toBe(since);
    expect(await awaiting(answered)).toBeNull();
    expect(await awaiting(ended)).toBeNull();
    expect(await awaiting(waiting)).toBe(waitingStarted);
  });

  it('leaves alone a wait the running code has kept since', async () => {
    const world = makeWorld(db());
    await world.agent('Ama');
    const yaw = await world.customer('Yaw');
    const sessionId = await world.startChat(yaw);
    await world.routing.idle();
    await db().db.updateTable('chat_sessions').set({ awaiting_agent_since: 42 }).execute();
    await up(db().db as unknown as Kysely<unknown>);
    expect((await findSessionRow(db().db, sessionId))?.awaiting_agent_since).toBe(42);
  });
});
