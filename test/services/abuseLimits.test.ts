// The abuse limits against a real database, each under a burst of parallel requests: messages
// per session, chats started per hour, open chats per customer, and sockets per sign-in over
// two nodes sharing the database; and read receipts, which must not breed receipts.
import { expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { SignInSockets } from '../../src/services/accounts/signInSockets.js';
import { listMessages, replayEvents } from '../../src/services/messages/messageReader.js';
import { sendMessage } from '../../src/services/messages/messageSender.js';
import { markRead } from '../../src/services/messages/readMarker.js';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { registerNode } from '../../src/storage/repositories/cluster.js';
import { findSessionRow } from '../../src/storage/repositories/sessions/sessionRecords.js';
import { openStore, type Store } from '../../src/storage/store.js';
import { connectionOf, describeEachDatabase } from '../support/databases.js';
import { makeWorld, testSettings, type World } from '../support/world.js';

/** What a call was refused with: its code and Retry-After, or 'ok'. */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return `${error.code} ${error.retryAfterSeconds ?? ''}`.trim();
  }
}

const tally = (outcomes: string[]) =>
  outcomes.reduce<Record<string, number>>(
    (counts, o) => ({ ...counts, [o]: (counts[o] ?? 0) + 1 }),
    {},
  );

function limited(db: Store, limits: Partial<typeof testSettings.abuseLimits>) {
  return makeWorld(db, { abuseLimits: { ...testSettings.abuseLimits, ...limits } });
}

async function activeChat(world: World) {
  const agent = await world.agent('Ama');
  const customer = await world.customer('Yaw');
  const sessionId = await world.startChat(customer);
  await world.routing.idle();
  return { agent, customer, sessionId };
}

/** Another connection pool on the same PostgreSQL schema as `store`. */
async function sameSchema(store: Store): Promise<Store> {
  return openStore({ ...(await connectionOf(store)), pgPoolSize: 4 });
}

describeEachDatabase('abuse limits', (db, dialect) => {
  it('takes a burst of messages per session, then as many per second as the rate allows', async () => {
    const world = limited(db(), { messageBurst: 20, messagesPerSecond: 5 });
    const { agent, customer, sessionId } = await activeChat(world);
    const send = (text: string, viewer = customer) =>
      outcome(sendMessage(world.ctx, { viewer, sessionId, text }));

    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => send(`flood ${i}`)));
    expect(tally(burst)).toEqual({ ok: 20, 'RATE_LIMITED 1': 10 });
    // The session's budget is shared: the agent waits too.
    expect(await send('Hello?', agent)).toBe('RATE_LIMITED 1');
    world.clock.advance(200);
    expect(await send('one more')).toBe('ok');
    expect(await send('and another')).toBe('RATE_LIMITED 1');
    // A quiet spell refills the whole burst, no more.
    world.clock.advance(60_000);
    const later = await Promise.all(Array.from({ length: 25 }, (_, i) => send(`again ${i}`)));
    expect(tally(later)).toEqual({ ok: 20, 'RATE_LIMITED 1': 5 });
    // Another chat, even of the same customer, has a budget of its own.
    const elsewhere = await world.startChat(customer);
    expect(
      await outcome(sendMessage(world.ctx, { viewer: customer, sessionId: elsewhere, text: 'Hi' })),
    ).toBe('ok');

    const { records } = await listMessages(world.ctx, customer, sessionId, { limit: 200 });
    expect(records.filter((r) => r.row.message_type === 'text')).toHaveLength(1 + 20 + 1 + 20);
    // Refused sends took no sequence number: the log has no holes.
    const log = await replayEvents(world.ctx, sessionId, 0, 500);
    expect(log.map((f) => f.seq)).toEqual(log.map((_, i) => i + 1));
  });

  it('answers a retried send from its stored message even when the budget is spent', async () => {
    const world = limited(db(), { messageBurst: 2, messagesPerSecond: 1 });
    const { customer, sessionId } = await activeChat(world);
    await sendMessage(world.ctx, { viewer: customer, sessionId, text: 'A', clientId: 'c-1' });
    await sendMessage(world.ctx, { viewer: customer, sessionId, text: 'B', clientId: 'c-2' });
    expect(await outcome(sendMessage(world.ctx, { viewer: customer, sessionId, text: 'C' }))).toBe(
      'RATE_LIMITED 1',
    );
    const retry = await sendMessage(world.ctx, {
      viewer: customer,
      sessionId,
      text: 'B',
      clientId: 'c-2',
    });
    expect(retry.duplicate).toBe(true);
  });

  it('writes a read receipt only for messages from the other side, so receipts cannot feed on receipts', async () => {
    const world = makeWorld(db());
    const { agent, customer, sessionId } = await activeChat(world);
    await sendMessage(world.ctx, { viewer: agent, sessionId, text: 'How can I help?' });
    // Each receipt takes a seq of its own: reading up to the latest seq again and again must not
    // write a receipt (and tell the agent) each time.
    const readToLatest = async () => {
      const { last_seq } = (await findSessionRow(db().db, sessionId))!;
      return markRead(world.ctx, { viewer: customer, sessionId, upToSeq: last_seq });
    };
    expect(await readToLatest()).not.toBeNull();
    for (let i = 0; i < 20; i++) expect(await readToLatest()).toBeNull();
    await sendMessage(world.ctx, { viewer: agent, sessionId, text: 'Still there?' });
    expect(await readToLatest()).not.toBeNull();
    const receipts = (await replayEvents(world.ctx, sessionId, 0, 500)).filter(
      (f) => f.event.kind === 'messages.read',
    );
    expect(receipts).toHaveLength(2);
  });

  it('lets a customer have only so many chats open at once, however many start together', async () => {
    const world = limited(db(), { openChatsPerCustomer: 3 });
    const customer = await world.customer('Yaw');
    const start = () =>
      startSession(world.ctx, {
        viewer: customer,
        subject: 'Help',
        priority: 'medium',
        message: 'Hello',
      });
    const burst = await Promise.all(Array.from({ length: 10 }, () => outcome(start())));
    expect(tally(burst)).toEqual({ ok: 3, 'RATE_LIMITED 60': 7 });

    const open = await db()
      .db.selectFrom('chat_sessions')
      .select('id')
      .where('user_id', '=', customer.id)
      .execute();
    expect(open).toHaveLength(3);
    await endSession(world.ctx, { viewer: customer, sessionId: open[0]!.id });
    expect(await outcome(start())).toBe('ok');
    expect(await outcome(start())).toBe('RATE_LIMITED 60');
  });

  it('lets a person start only so many chats an hour, however many start together', async () => {
    const world = limited(db(), { chatsPerHour: 5, openChatsPerCustomer: 100 });
    const customer = await world.customer('Yaw');
    const start = () =>
      startSession(world.ctx, {
        viewer: customer,
        subject: 'Help',
        priority: 'medium',
        message: 'Hello',
      });
    const burst = await Promise.all(Array.from({ length: 12 }, () => outcome(start())));
    expect(tally(burst)).toEqual({ ok: 5, 'RATE_LIMITED 3600': 7 });
    world.clock.advance(59 * 60_000);
    expect(await outcome(start())).toBe('RATE_LIMITED 60');
    world.clock.advance(60_000);
    expect(await outcome(start())).toBe('ok');
    // Someone else is not held up by Yaw's hour.
    expect(await outcome(world.startChat(await world.customer('Esi')))).toBe('ok');
  });

  it('admits sockets of one sign-in up to the limit over every node, however many open together', async () => {
    const world = limited(db(), { socketsPerSignIn: 5 });
    // On PostgreSQL node b has a pool and commit lanes of its own, as another process would.
    const storeOfB = dialect === 'postgres' ? await sameSchema(db()) : db();
    const onA = new SignInSockets(world.ctx);
    const onB = new SignInSockets({ ...world.ctx, store: storeOfB, nodeId: 'node-b' });
    await registerNode(db().db, world.ctx.nodeId, world.clock.now());
    await registerNode(db().db, 'node-b', world.clock.now());

    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => outcome((i % 2 ? onA : onB).admit('sign-in-1'))),
    );
    expect(tally(burst)).toEqual({ ok: 5, 'RATE_LIMITED 30': 7 });
    // Another sign-in of the same person has places of its own.
    expect(await outcome(onB.admit('sign-in-2'))).toBe('ok');

    const admittedOnA = burst.filter((o, i) => o === 'ok' && i % 2).length;
    if (admittedOnA > 0) await onA.released('sign-in-1');
    else await onB.released('sign-in-1');
    expect(await outcome(onB.admit('sign-in-1'))).toBe('ok');
    expect(await outcome(onA.admit('sign-in-1'))).toBe('RATE_LIMITED 30');
    if (storeOfB !== db()) await storeOfB.close();
  });

  it('stops counting the sockets of a node that stopped beating, and rewrites its own when they were lost', async () => {
    const world = limited(db(), { socketsPerSignIn: 2 });
    const onA = new SignInSockets(world.ctx);
    const onB = new SignInSockets({ ...world.ctx, nodeId: 'node-b' });
    await registerNode(db().db, world.ctx.nodeId, world.clock.now());
    await registerNode(db().db, 'node-b', world.clock.now());
    await onB.admit('sign-in-1');
    await onB.admit('sign-in-1');
    expect(await outcome(onA.admit('sign-in-1'))).toBe('RATE_LIMITED 30');

    // b crashed: once its heartbeat is stale its sockets no longer count.
    world.clock.advance(testSettings.nodeStaleMs + 1);
    await registerNode(db().db, world.ctx.nodeId, world.clock.now());
    expect(await outcome(onA.admit('sign-in-1'))).toBe('ok');

    // a was presumed dead and its rows removed: reconciling writes them back.
    await db().db.deleteFrom('sign_in_sockets').where('node_id', '=', world.ctx.nodeId).execute();
    await onA.reconcile(true);
    const rows = await db()
      .db.selectFrom('sign_in_sockets')
      .select(['node_id', 'sockets'])
      .where('node_id', '=', world.ctx.nodeId)
      .execute();
    expect(rows).toEqual([{ node_id: world.ctx.nodeId, sockets: 1 }]);
  });
});
