// Both sides of many chats sending at once through two nodes: the nodes' shared commits lock
// the same sessions in different orders, and PostgreSQL breaks the resulting deadlocks by
// aborting one piece of a batch. Every send must still be stored once and acknowledged.
import { describe, expect, inject, it } from 'vitest';
import type { Reply } from '../support/testNode.js';
import type { Person } from './support/cluster.js';
import { useCluster } from './support/clusterSuite.js';
import { sequenceViolations } from '../support/routingInvariants.js';
import { Random, seedFromEnv } from './support/random.js';

const postgresUrl = inject('postgresUrl');
const redisUrl = inject('redisUrl');

const CHATS = 24;
const AGENTS = 4;
const ROUNDS = 10;

describe.skipIf(!postgresUrl || !redisUrl)('concurrent sends through two nodes', () => {
  const cluster = useCluster(() => ({
    postgresUrl: postgresUrl!,
    redisUrl: redisUrl!,
    nodes: ['a', 'b'],
    // Three commit lanes per node, so each node's batches mix several chats.
    env: { PG_POOL_SIZE: '9' },
  }));

  it('stores and acknowledges every message once, whatever the commit order', async () => {
    const seed = seedFromEnv();
    console.log(`concurrent sends: seed ${seed} (replay with SEED=${seed})`);
    const random = new Random(seed);
    const agents = await Promise.all(
      Array.from({ length: AGENTS }, (_, i) => cluster.signIn('b', `Agent ${i}`, 'admin')),
    );
    for (const agent of agents) {
      await agent
        .on(cluster.url('b'))
        .patch('/api/v1/agents/me', { status: 'online', maxConcurrentChats: 10 });
    }
    const chats: Array<{ id: string; customer: Person; agent: Person }> = [];
    for (let i = 0; i < CHATS; i++) {
      const customer = await cluster.signIn('a', `Customer ${i}`);
      const started = await customer
        .on(cluster.url('a'))
        .post('/api/v1/sessions', { subject: `Order ${i}`, message: 'Hello' });
      chats.push({ id: started.body.id, customer, agent: agents[0]! });
    }
    await expect
      .poll(async () => {
        const rows = await cluster.store.db
          .selectFrom('chat_sessions')
          .select(['id', 'assigned_agent_id'])
          .where('status', '=', 'active')
          .execute();
        for (const row of rows) {
          const chat = chats.find((c) => c.id === row.id);
          if (chat) chat.agent = agents.find((a) => a.id === row.assigned_agent_id)!;
        }
        return rows.length;
      })
      .toBe(CHATS);

    // Customers send through a, agents through b, every chat at once, in a random order.
    const failures: string[] = [];
    const check = (what: string) => (reply: Reply) => {
      if (reply.status !== 201)
        failures.push(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
    };
    for (let round = 0; round < ROUNDS; round++) {
      const order = [...chats].sort(() => random.next() - 0.5);
      await Promise.all(
        order.flatMap((chat) => [
          chat.customer
            .on(cluster.url('a'))
            .post(`/api/v1/sessions/${chat.id}/messages`, { text: 'c', clientId: `c-${round}` })
            .then(check(`customer in ${chat.id}`)),
          chat.agent
            .on(cluster.url('b'))
            .post(`/api/v1/sessions/${chat.id}/messages`, { text: 'a', clientId: `a-${round}` })
            .then(check(`agent in ${chat.id}`)),
        ]),
      );
    }
    expect(failures).toEqual([]);

    const stored = await cluster.store.db
      .selectFrom('chat_messages')
      .select(['session_id', 'client_id'])
      .where('client_id', 'is not', null)
      .execute();
    expect(stored).toHaveLength(CHATS * ROUNDS * 2);
    expect(new Set(stored.map((m) => `${m.session_id} ${m.client_id}`)).size).toBe(stored.length);
    expect(await sequenceViolations(cluster.store.db)).toEqual([]);
  });
});
