// The abuse limits as a REST client meets them: 429 with Retry-After and the usual error body,
// for a burst of messages in one chat, and documented in OpenAPI.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { startTestNode, type Reply, type TestNode } from '../support/testNode.js';
import { ManualClock } from '../support/world.js';

const statuses = (replies: Reply[]) => replies.map((r) => r.status).sort();

describeEachDatabase('abuse limits over REST', (db) => {
  let server: TestNode;
  // Frozen unless a test moves it: a burst is a burst however slow the machine.
  const clock = new ManualClock(Date.now());
  beforeAll(async () => {
    server = await startTestNode(
      db(),
      {
        MESSAGE_LIMIT_BURST: '3',
        MESSAGE_LIMIT_PER_SECOND: '1',
      },
      { clock },
    );
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers 429 with Retry-After to messages beyond the chat’s budget', async () => {
    const yaw = await server.signUp('Yaw');
    const sessionId = await yaw.startChat();
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        yaw.post(`/api/v1/sessions/${sessionId}/messages`, { text: `flood ${i}` }),
      ),
    );
    expect(statuses(replies)).toEqual([201, 201, 201, 429, 429, 429, 429, 429, 429, 429]);
    const refused = replies.find((r) => r.status === 429)!;
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body).toEqual({
      error: { code: 'RATE_LIMITED', message: 'Too many messages in this chat; wait a moment' },
    });
    clock.advance(1000);
    const later = await yaw.post(`/api/v1/sessions/${sessionId}/messages`, { text: 'later' });
    expect(later.status).toBe(201);
  });

  it('documents 429 on the routes that answer it', async () => {
    const { body } = await server.signUp('Kofi').then((c) => c.get('/api/openapi.json'));
    expect(body.paths['/api/v1/sessions/{id}/messages'].post.responses).toHaveProperty(['429']);
  });
});
