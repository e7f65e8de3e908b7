// kill -9 of a node in the middle of a conversation: its clients reconnect to another node and
// resume from their last seq; every acknowledged message is there exactly once, on both sides.
// The deployment notices the dead node: its agents count as disconnected and go away once, and
// every feed catches up with what the dead node committed but never published.
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import type { ServerFrame } from '../../src/shared/protocol.js';
import { registerNode } from '../../src/storage/repositories/cluster.js';
import { insertMessage } from '../../src/storage/repositories/messages.js';
import { reserveSeq } from '../../src/storage/repositories/sessions/sessionSequences.js';
import { useCluster } from './support/clusterSuite.js';
import { eventsOf, expectContiguous, isMessage, type EventFrame } from './support/frames.js';
import { allViolations } from '../support/routingInvariants.js';
import { ResumingChat } from './support/resumingChat.js';

const postgresUrl = inject('postgresUrl');
const redisUrl = inject('redisUrl');
/** Chats with customers on the node that dies, and messages each customer fires at once. */
const CONVERSATIONS = 4;
const MESSAGES = 30;

const messageIds = (events: EventFrame[]) =>
  events.flatMap((e) => (e.event.kind === 'message.created' ? [e.event.message.id] : []));

describe.skipIf(!postgresUrl || !redisUrl)('a node killed with -9', () => {
  const cluster = useCluster(() => ({
    postgresUrl: postgresUrl!,
    redisUrl: redisUrl!,
    nodes: ['a', 'b', 'c'],
    // A node silent for 3 beats (1.5 s) is presumed dead; its agents go away 1 s later. Each
    // customer fires more messages at once than a chat's burst allows.
    env: {
      HOUSEKEEPING_SECONDS: '0.5',
      AGENT_AWAY_GRACE_SECONDS: '1',
      MESSAGE_LIMIT_BURST: String(MESSAGES * 2),
    },
  }));

  it('loses no acknowledged message: clients resume on another node', async () => {
    const ama = await cluster.signIn('b', 'Ama', 'admin');
    const kofi = await cluster.signIn('a', 'Kofi', 'admin');
    await ama
      .on(cluster.url('b'))
      .patch('/api/v1/agents/me', { status: 'online', maxConcurrentChats: CONVERSATIONS });
    await kofi
      .on(cluster.url('a'))
      .patch('/api/v1/agents/me', { status: 'online', autoAssign: false });
    // Kofi's only socket is on the node that will die; Ama's is on b.
    await cluster.connect(kofi, 'a');
    const amaSocket = await cluster.connect(ama, 'b');

    // Several customers, all on a, each in a chat with Ama.
    const customers: ResumingChat[] = [];
    for (let i = 0; i < CONVERSATIONS; i++) {
      const person = await cluster.signIn('a', `Customer ${i}`);
      const started = await person
        .on(cluster.url('a'))
        .post('/api/v1/sessions', { subject: `Parcel ${i}`, message: 'Where is it?' });
      customers.push(new ResumingChat(person, started.body.id));
    }
    await expect
      .poll(
        async () =>
          (
            await cluster.store.db
              .selectFrom('chat_sessions')
              .select('id')
              .where('assigned_agent_id', '=', ama.id)
              .where('status', '=', 'active')
              .execute()
          ).length,
      )
      .toBe(CONVERSATIONS);
    for (const customer of customers) {
      await amaSocket.call({ type: 'subscribe', sessionId: customer.sessionId, afterSeq: 0 });
      await customer.connect(cluster.url('a'));
    }

    // Everyone fires a burst at once; a is killed at a random moment once a quarter of it is
    // acknowledged, so that usually some messages are stored but not yet acknowledged.
    for (const [c, customer] of customers.entries()) {
      for (let i = 1; i <= MESSAGES; i++) customer.send(`c${c}-${i}`, `message ${i}`);
    }
    const acked = () => customers.reduce((sum, c) => sum + c.acks().size, 0);
    await expect
      .poll(acked, { interval: 1, timeout: 30_000 })
      .toBeGreaterThanOrEqual((CONVERSATIONS * MESSAGES) / 4);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 10));
    const killedAt = performance.now();
    await cluster.node('a').crash();
    const ackedBeforeCrash = customers.map((c) => new Map(c.acks()));

    // Each client notices, reconnects to b or c, resumes and resends what was not acknowledged.
    const resumedMs = await Promise.all(
      customers.map(async (customer, i) => {
        await customer.socket.waitForClose();
        await customer.connect(cluster.url(i % 2 === 0 ? 'b' : 'c'));
        const resumed = performance.now() - killedAt;
        await customer.allAcknowledged();
        return resumed;
      }),
    );
    const allAckedMs = performance.now() - killedAt;

    let storedUnacknowledged = 0;
    for (const [c, customer] of customers.entries()) {
      const { sessionId } = customer;
      // Stored once each; what was acknowledged before the crash is what is stored; a resend
      // of a message a had stored without acknowledging it gets the stored message back.
      const stored = await cluster.store.db
        .selectFrom('chat_messages')
        .select(['id', 'seq', 'client_id', 'created_at'])
        .where('session_id', '=', sessionId)
        .where('sender_id', '=', customer.person.id)
        .where('client_id', 'is not', null)
        .execute();
      expect(stored.map((m) => m.client_id).sort()).toEqual([...customer.sent.keys()].sort());
      const byClientId = new Map(stored.map((m) => [m.client_id, m]));
      for (const [clientId, message] of ackedBeforeCrash[c]!) {
        expect(byClientId.get(clientId)).toMatchObject({ id: message.id, seq: message.seq });
      }
      for (const [clientId, message] of customer.acks()) {
        expect(byClientId.get(clientId)?.id).toBe(message.id);
      }
      storedUnacknowledged += stored.filter(
        (m) => !ackedBeforeCrash[c]!.has(m.client_id!) && m.created_at < Date.now() - allAckedMs,
      ).length;

      // Both sides end up with every event once, in order, up to the session's last seq.
      const { last_seq: lastSeq } = await cluster.store.db
        .selectFrom('chat_sessions')
        .select('last_seq')
        .where('id', '=', sessionId)
        .executeTakeFirstOrThrow();
      await expect.poll(() => customer.lastSeq()).toBe(lastSeq);
      expectContiguous(customer.events(), 1);
      // Ama never disconnected: frames that a died with are refilled from the database.
      await expect.poll(() => eventsOf(amaSocket, sessionId).at(-1)?.seq).toBe(lastSeq);
      expectContiguous(eventsOf(amaSocket, sessionId), 1);
      const ids = stored.map((m) => m.id);
      expect(
        messageIds(eventsOf(amaSocket, sessionId))
          .filter((id) => ids.includes(id))
          .sort(),
      ).toEqual(ids.sort());
    }
    console.log(
      `kill -9: ${ackedBeforeCrash.reduce((sum, a) => sum + a.size, 0)} of ` +
        `${CONVERSATIONS * MESSAGES} messages acknowledged before the crash, ` +
        `${storedUnacknowledged} stored but not yet acknowledged; clients resumed after ` +
        `${Math.min(...resumedMs).toFixed(0)}-${Math.max(...resumedMs).toFixed(0)} ms, ` +
        `everything acknowledged after ${allAckedMs.toFixed(0)} ms`,
    );
    expect(await allViolations(cluster.store.db)).toEqual([]);

    // Kofi was connected only through a: once a is presumed dead he is disconnected, then away.
    const away = (f: ServerFrame) =>
      f.type === 'agent.status' && f.state.agent.id === kofi.id && f.state.status === 'away';
    await amaSocket.waitFor(away, { timeoutMs: 10_000 });
    const agents = await ama.on(cluster.url('c')).get('/api/v1/agents');
    expect(
      (agents.body.items as Array<{ agent: { id: string } }>).find((s) => s.agent.id === kofi.id),
    ).toMatchObject({ status: 'away', connected: false });
    expect(await cluster.store.db.selectFrom('nodes').select('id').orderBy('id').execute()).toEqual(
      [{ id: 'b' }, { id: 'c' }],
    );
    // Once, although b and c both sweep.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(amaSocket.frames.filter(away)).toHaveLength(1);
    for (const customer of customers) customer.close();
  });

  it('makes every feed catch up when a node died between a commit and its publish', async () => {
    const ama = await cluster.signIn('b', 'Ama', 'admin');
    const yaw = await cluster.signIn('c', 'Yaw');
    // Connected before going online, so the away sweep (1 s grace here) leaves her online however
    // slow the run.
    const amaSocket = await cluster.connect(ama, 'b');
    await ama.on(cluster.url('b')).patch('/api/v1/agents/me', { status: 'online' });
    const started = await yaw
      .on(cluster.url('c'))
      .post('/api/v1/sessions', { subject: 'Refund', message: 'Hello' });
    const sessionId: string = started.body.id;
    await expect
      .poll(async () => (await yaw.on(cluster.url('c')).get(`/api/v1/sessions/${sessionId}`)).body)
      .toMatchObject({ status: 'active' });
    const yawSocket = await cluster.connect(yaw, 'c');
    await amaSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });
    await yawSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });

    // The harness plays node x: it beats once, commits Yaw's message as a node would, and dies
    // before publishing it. Nothing else happens in the chat afterwards.
    const { store } = cluster;
    await registerNode(store.db, 'x', Date.now());
    const messageId = randomUUID();
    await store.transaction(async (trx) => {
      const seq = await reserveSeq(trx, sessionId, Date.now());
      await insertMessage(trx, {
        id: messageId,
        sessionId,
        seq,
        senderId: yaw.id,
        type: 'text',
        text: 'sent through x',
        clientId: 'x-1',
        createdAt: Date.now(),
      });
    });

    // Once x is presumed dead, both sides get the message, in order, without asking.
    await amaSocket.waitFor(isMessage(sessionId, messageId), { timeoutMs: 10_000 });
    await yawSocket.waitFor(isMessage(sessionId, messageId), { timeoutMs: 10_000 });
    expectContiguous(eventsOf(amaSocket, sessionId), 1);
    expectContiguous(eventsOf(yawSocket, sessionId), 1);
    await amaSocket.waitFor((f) => f.type === 'refresh');
  });
});
