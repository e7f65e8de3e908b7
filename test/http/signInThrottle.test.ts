// Sign-in throttling under a burst of parallel wrong passwords spread over two nodes that share
// one database: the per-account limit holds exactly, and the refusals say when to come back.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAccount } from '../../src/services/accounts/accounts.js';
import { describeEachDatabase } from '../support/databases.js';
import { Client, startTestNode, TEST_PASSWORD, type TestNode } from '../support/testNode.js';

const PER_ACCOUNT = 4;

describeEachDatabase('sign-in throttling across nodes', (db) => {
  let nodes: TestNode[] = [];
  beforeAll(async () => {
    const env = { SIGNIN_LIMIT_PER_ACCOUNT: String(PER_ACCOUNT), SIGNIN_LIMIT_PER_ADDRESS: '500' };
    nodes = [await startTestNode(db(), env), await startTestNode(db(), env)];
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  });

  it('lets no more wrong passwords through than the limit, however many arrive at once', async () => {
    const email = 'kofi@example.com';
    await createAccount(nodes[0]!.node.ctx, null, {
      email,
      name: 'Kofi',
      password: TEST_PASSWORD,
      role: 'user',
    });
    const replies = await Promise.all(
      Array.from({ length: PER_ACCOUNT * 5 }, (_, i) =>
        new Client(nodes[i % 2]!.url).signIn(email, `guess ${i}`),
      ),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(PER_ACCOUNT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(PER_ACCOUNT * 4);
    const refused = replies.find((r) => r.status === 429)!;
    expect(refused.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // The owner is held off too until the window passes: the limit is on the account.
    expect((await new Client(nodes[0]!.url).signIn(email, TEST_PASSWORD)).status).toBe(429);
  });
});
