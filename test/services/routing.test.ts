// Auto-assignment and manual takes against a real database: the queue drains as soon as
// capacity frees up, and no interleaving of takes, ends and routing breaks the invariants.
import { expect, it } from 'vitest';
import { updateOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { assignSession } from '../../src/services/sessions/chatAssigner.js';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import { getSession } from '../../src/services/sessions/sessionReader.js';
import { routeQueue } from '../../src/services/sessions/queueRouter.js';
import { findSessionRow } from '../../src/storage/repositories/sessions/sessionRecords.js';
import type { Store } from '../../src/storage/store.js';
import { describeEachDatabase } from '../support/databases.js';
import { loadViolations } from '../support/routingInvariants.js';
import { makeWorld, testSettings } from '../support/world.js';

/** Every agent's stored load equals their open chats and never exceeds their max. */
async function expectConsistentLoads(store: Store) {
  expect(await loadViolations(store.db)).toEqual([]);
}

/** The store, counting the transactions begun through it. */
function countingTransactions(store: Store): { store: Store; count: () => number } {
  let count = 0;
  return {
    store: {
      ...store,
      transaction: (work) => {
        count += 1;
        return store.transaction(work);
      },
    },
    count: () => count,
  };
}

/** Puts an agent online without a routing kick, so the test runs routing itself. */
async function setOnlineQuietly(store: Store, agentId: string, max: number) {
  await store.db
    .updateTable('chat_agent_status')
    .set({ status: 'online', max_concurrent_chats: max })
    .where('agent_id', '=', agentId)
    .execute();
}

describeEachDatabase('routing', (db) => {
  it('assigns a new chat to an online agent at once and says so in the thread', async () => {
    const world = makeWorld(db());
    const ama = await world.agent('Ama');
    const sessionId = await world.startChat(await world.customer('Yaw'));
    await world.routing.idle();
    const session = await getSession(world.ctx, ama, sessionId);
    expect(session.row.status).toBe('active');
    expect(session.agent?.id).toBe(ama.id);
    const system = await db()
      .db.selectFrom('chat_messages')
      .select('message_text')
      .where('session_id', '=', sessionId)
      .where('message_type', '=', 'system')
      .execute();
    expect(system.map((m) => m.message_text)).toEqual(['Ama joined the chat']);
  });

  it('keeps chats waiting while nobody is online and routes them when an agent comes online', async () => {
    const world = makeWorld(db());
    const kofi = await world.agent('Kofi', { status: 'offline' });
    const yaw = await world.customer();
    const first = await world.startChat(yaw, { priority: 'low' });
    const urgent = await world.startChat(yaw, { priority: 'urgent' });
    await world.routing.idle();
    expect((await findSessionRow(db().db, first))?.status).toBe('waiting');

    await updateOwnAgentState(world.ctx, kofi, { status: 'online', maxConcurrentChats: 1 });
    await world.routing.idle();
    expect((await findSessionRow(db().db, urgent))?.assigned_agent_id).toBe(kofi.id);
    expect((await findSessionRow(db().db, first))?.status).toBe('waiting');

    // Ending the urgent chat frees the slot: the backlog drains without anyone reloading.
    await endSession(world.ctx, { viewer: kofi, sessionId: urgent });
    await world.routing.idle();
    expect((await findSessionRow(db().db, first))?.assigned_agent_id).toBe(kofi.id);
    await expectConsistentLoads(db());
  });

  it('sends nothing new to busy agents, who keep their chats', async () => {
    const world = makeWorld(db());
    const esi = await world.agent('Esi');
    const yaw = await world.customer();
    const kept = await world.startChat(yaw);
    await world.routing.idle();
    await updateOwnAgentState(world.ctx, esi, { status: 'busy' });
    const next = await world.startChat(yaw);
    await world.routing.idle();
    expect((await findSessionRow(db().db, kept))?.assigned_agent_id).toBe(esi.id);
    expect((await findSessionRow(db().db, next))?.status).toBe('waiting');
    await endSession(world.ctx, { viewer: yaw, sessionId: next });
  });

  it('routes again when an agent raises their max', async () => {
    const world = makeWorld(db());
    const ama = await world.agent('Ama', { max: 1 });
    const yaw = await world.customer();
    await world.startChat(yaw);
    const second = await world.startChat(yaw);
    await world.routing.idle();
    expect((await findSessionRow(db().db, second))?.status).toBe('waiting');
    await updateOwnAgentState(world.ctx, ama, { maxConcurrentChats: 2 });
    await world.routing.idle();
    expect((await findSessionRow(db().db, second))?.assigned_agent_id).toBe(ama.id);
  });

  it('routes the chat behind an agent’s own waiting chat instead of stalling on it', async () => {
    const world = makeWorld(db());
    const ama = await world.agent('Ama', { max: 1 });
    // Ama asks for help herself: she is the only agent with room and may not take her own chat.
    const amas = await world.startChat(ama);
    await world.routing.idle();
    const yaws = await world.startChat(await world.customer('Yaw'));
    await world.routing.idle();
    expect((await findSessionRow(db().db, yaws))?.assigned_agent_id).toBe(ama.id);
    expect((await findSessionRow(db().db, amas))?.status).toBe('waiting');
    await expectConsistentLoads(db());
  });

  it('reaches past a long run of chats nobody may take', async () => {
    const world = makeWorld(db());
    const ama = await world.agent('Ama', { status: 'offline', max: 2 });
    // More of Ama's own chats than she has room for (the router's first read), then two she can take.
    for (let i = 0; i < 3; i++) await world.startChat(ama, { priority: 'urgent' });
    const yaw = await world.customer('Yaw');
    const others = [await world.startChat(yaw), await world.startChat(yaw)];
    await updateOwnAgentState(world.ctx, ama, { status: 'online' });
    await world.routing.idle();
    for (const id of others) {
      expect((await findSessionRow(db().db, id))?.assigned_agent_id).toBe(ama.id);
    }
    await expectConsistentLoads(db());
  });

  it('routes only to active agent accounts, whatever their status row says', async () => {
    const world = makeWorld(db());
    const gone = await world.agent('Gone', { status: 'offline' });
    const demoted = await world.agent('Demoted', { status: 'offline' });
    const esi = await world.agent('Esi', { status: 'offline', max: 5 });
    // Status rows left online with room: a deactivated account, and one no longer an agent.
    await db().db.updateTable('users').set({ is_active: 0 }).where('id', '=', gone.id).execute();
    await db().db.updateTable('users').set({ role: 'user' }).where('id', '=', demoted.id).execute();
    for (const agent of [gone, demoted, esi]) await setOnlineQuietly(db(), agent.id, 5);
    const yaw = await world.customer();
    const chats = [await world.startChat(yaw), await world.startChat(yaw)];
    await world.routing.idle();
    for (const id of chats) {
      expect((await findSessionRow(db().db, id))?.assigned_agent_id).toBe(esi.id);
    }
    await expectConsistentLoads(db());
  });

  it('ends a routing run after a batch that placed every chat it could, in one transaction', async () => {
    const counted = countingTransactions(db());
    const world = makeWorld(counted.store);
    const ama = await world.agent('Ama', { status: 'offline' });
    const yaw = await world.customer();
    const chats = [await world.startChat(yaw), await world.startChat(yaw)];
    await world.routing.idle();
    await setOnlineQuietly(db(), ama.id, 5);
    const before = counted.count();
    expect((await routeQueue(world.ctx)).placed).toBe(2);
    expect(counted.count() - before).toBe(1);
    for (const id of chats) {
      expect((await findSessionRow(db().db, id))?.assigned_agent_id).toBe(ama.id);
    }
  });

  it('refills the slots of a burst of ends with one routing pass (on SQLite, the ends sharing one commit)', async () => {
    const counted = countingTransactions(db());
    let passes = 0;
    const store: Store = {
      ...counted.store,
      lockForTransaction: (trx, key) => {
        if (key === 'switchboard:routing') passes += 1;
        return db().lockForTransaction(trx, key);
      },
    };
    // One customer with eight chats: past what the abuse limits let a customer open.
    const world = makeWorld(store, {
      abuseLimits: { ...testSettings.abuseLimits, openChatsPerCustomer: 100, chatsPerHour: 100 },
    });
    const ama = await world.agent('Ama', { max: 4 });
    const yaw = await world.customer();
    const open: string[] = [];
    for (let i = 0; i < 4; i++) open.push(await world.startChat(yaw));
    const queued: string[] = [];
    for (let i = 0; i < 4; i++) queued.push(await world.startChat(yaw));
    await world.routing.idle();
    const transactionsBefore = counted.count();
    passes = 0;
    await Promise.all(open.map((sessionId) => endSession(world.ctx, { viewer: ama, sessionId })));
    await world.routing.idle();
    for (const id of queued) {
      expect((await findSessionRow(db().db, id))?.assigned_agent_id).toBe(ama.id);
    }
    if (db().dialect === 'sqlite') {
      // One grouped commit for the four ends, whose kicks start one pass: its transaction is the
      // only plain one. With a commit and a pass per end, this was four ends and two passes.
      expect(passes).toBe(1);
      expect(counted.count() - transactionsBefore).toBe(1);
    } else {
      // Ends commit on their own here (sessionEnder.ts says why), each kicking routing.
      expect(passes).toBeLessThanOrEqual(open.length);
    }
    await expectConsistentLoads(db());
  });

  it('drains a queue longer than one batch in one routing run', async () => {
    // One customer with the whole queue: far past what the abuse limits let a customer open.
    const world = makeWorld(db(), {
      abuseLimits: { ...testSettings.abuseLimits, openChatsPerCustomer: 1000, chatsPerHour: 1000 },
    });
    const ama = await world.agent('Ama', { status: 'offline' });
    const yaw = await world.customer();
    // One more than a batch (200), waiting while nobody is online.
    for (let i = 0; i < 201; i++) await world.startChat(yaw);
    await world.routing.idle();
    // More room than the API allows, so one agent can take the whole queue.
    await setOnlineQuietly(db(), ama.id, 250);
    expect((await routeQueue(world.ctx)).placed).toBe(201);
    const waiting = await db()
      .db.selectFrom('chat_sessions')
      .select('id')
      .where('status', '=', 'waiting')
      .execute();
    expect(waiting).toEqual([]);
    await expectConsistentLoads(db());
  });

  it('refuses a second take of the same chat with a conflict', async () => {
    const world = makeWorld(db());
    const ama = await world.agent('Ama', { autoAssign: false });
    const kofi = await world.agent('Kofi', { autoAssign: false });
    const sessionId = await world.startChat(await world.customer());
    await assignSession(world.ctx, { viewer: ama, sessionId });
    await expect(assignSession(world.ctx, { viewer: kofi, sessionId })).rejects.toMatchObject({
      code: 'SESSION_ALREADY_ASSIGNED',
    });
  });

  it('says a chat was taken only to agents who could see it in the queue; anything else they cannot see is not found', async () => {
    const world = makeWorld(db());
    const ama = await world.agent('Ama', { autoAssign: false });
    const kofi = await world.agent('Kofi', { autoAssign: false });
    const boss = await world.superAdmin();
    const yaw = await world.customer();
    const abena = await world.customer('Abena');
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'ok',
        (error: { code: string }) => error.code,
      );
    const take = (viewer: typeof ama, sessionId: string) =>
      codeOf(assignSession(world.ctx, { viewer, sessionId }));
    const assign = (viewer: typeof ama, sessionId: string, agentId: string) =>
      codeOf(assignSession(world.ctx, { viewer, sessionId, agentId }));

    // Taken by Ama: Kofi lost the race, and is told so, as is anyone who may take it.
    const taken = await world.startChat(yaw);
    expect(await take(ama, taken)).toBe('ok');
    expect(await take(kofi, taken)).toBe('SESSION_ALREADY_ASSIGNED');
    expect(await take(ama, taken)).toBe('SESSION_ALREADY_ASSIGNED');
    expect(await assign(boss, taken, kofi.id)).toBe('SESSION_ALREADY_ASSIGNED');
    // Assigning is for super admins, taking for agents: refused to anyone else, whatever the id.
    expect(await assign(kofi, taken, ama.id)).toBe('FORBIDDEN');
    expect(await take(abena, taken)).toBe('FORBIDDEN');
    expect(await take(yaw, taken)).toBe('FORBIDDEN');
    expect(await take(abena, world.ctx.ids.next())).toBe('FORBIDDEN');

    // Ended: every agent may read an ended chat (the desk's shared history), so each hears why
    // it cannot be taken; a customer who is not its own still cannot tell it exists.
    const ended = await world.startChat(yaw);
    expect(await take(ama, ended)).toBe('ok');
    await endSession(world.ctx, { viewer: yaw, sessionId: ended });
    expect(await take(kofi, ended)).toBe('SESSION_ENDED');
    expect(await take(abena, ended)).toBe('FORBIDDEN');
    expect(await take(ama, ended)).toBe('SESSION_ENDED');
    expect(await assign(boss, ended, kofi.id)).toBe('SESSION_ENDED');

    // Left by its customer while waiting: gone from the queue, not taken by anyone.
    const abandoned = await world.startChat(yaw);
    await endSession(world.ctx, { viewer: yaw, sessionId: abandoned });
    expect(await take(kofi, abandoned)).toBe('SESSION_ENDED');
    expect(await assign(boss, abandoned, kofi.id)).toBe('SESSION_ENDED');

    expect(await take(kofi, world.ctx.ids.next())).toBe('NOT_FOUND');
  });

  it('refuses a take beyond the agent’s max', async () => {
    const world = makeWorld(db());
    const ama = await world.agent('Ama', { autoAssign: false, max: 1 });
    const yaw = await world.customer();
    await assignSession(world.ctx, { viewer: ama, sessionId: await world.startChat(yaw) });
    await expect(
      assignSession(world.ctx, { viewer: ama, sessionId: await world.startChat(yaw) }),
    ).rejects.toMatchObject({
      code: 'AGENT_AT_CAPACITY',
    });
  });

  it('lets a super admin assign a waiting chat to a named agent, and nobody else', async () => {
    const world = makeWorld(db());
    const boss = await world.superAdmin();
    const ama = await world.agent('Ama', { autoAssign: false, connected: true });
    const kofi = await world.agent('Kofi', { autoAssign: false });
    const sessionId = await world.startChat(await world.customer());
    await expect(
      assignSession(world.ctx, { viewer: kofi, sessionId, agentId: ama.id }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const session = await assignSession(world.ctx, { viewer: boss, sessionId, agentId: ama.id });
    expect(session.agent?.id).toBe(ama.id);
  });

  it('never assigns a chat twice or overloads an agent under concurrent takes and routing', async () => {
    const world = makeWorld(db());
    const agents = await Promise.all(
      ['A', 'B', 'C'].map((name) => world.agent(name, { max: 2, autoAssign: name !== 'C' })),
    );
    const customers = await Promise.all([1, 2, 3, 4].map((n) => world.customer(`Customer ${n}`)));
    const sessions: string[] = [];
    for (let i = 0; i < 12; i++) sessions.push(await world.startChat(customers[i % 4]!));
    const attempts = sessions.flatMap((sessionId) =>
      agents.map((agent) =>
        assignSession(world.ctx, { viewer: agent, sessionId }).then(
          () => 'ok',
          (e: { code: string }) => e.code,
        ),
      ),
    );
    const outcomes = await Promise.all(attempts);
    await world.routing.idle();
    expect(new Set(outcomes)).toEqual(
      new Set(['ok', 'SESSION_ALREADY_ASSIGNED', 'AGENT_AT_CAPACITY']),
    );
    const active = await db()
      .db.selectFrom('chat_sessions')
      .select('assigned_agent_id')
      .where('id', 'in', sessions)
      .where('status', '=', 'active')
      .execute();
    expect(active).toHaveLength(6);
    await expectConsistentLoads(db());
    // Each assigned chat has exactly one "joined" line: no double assignment slipped through.
    const joins = await db()
      .db.selectFrom('chat_messages')
      .select((eb) => ['session_id', eb.fn.countAll<number>().as('n')])
      .where('session_id', 'in', sessions)
      .where('message_type', '=', 'system')
      .groupBy('session_id')
      .execute();
    expect(joins.every((j) => Number(j.n) === 1)).toBe(true);
  });
});
