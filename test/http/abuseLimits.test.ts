// The abuse limits as a REST client meets them: 429 with Retry-After and the usual error body,
// for a burst of messages in one chat and a burst of chat starts, and documented in OpenAPI.
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
        CHAT_LIMIT_PER_HOUR: '4',
        OPEN_CHAT_LIMIT_PER_CUSTOMER: '2',
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

  it('answers 429 to chats started beyond the open and hourly limits', async () => {
    const esi = await server.signUp('Esi');
    const start = () => esi.post('/api/v1/sessions', { subject: 'Help', message: 'Hi' });
    const burst = await Promise.all(Array.from({ length: 6 }, start));
    expect(statuses(burst)).toEqual([201, 201, 429, 429, 429, 429]);
    const tooMany = burst.find((r) => r.status === 429)!;
    expect(tooMany.body.error).toEqual({
      code: 'RATE_LIMITED',
      message: 'You already have 2 open chats; end one to start another',
    });
    expect(tooMany.headers.get('retry-after')).toBe('60');

    const end = (reply: Reply<{ id: string }>) => esi.post(`/api/v1/sessions/${reply.body.id}/end`);
    for (const started of burst.filter((r) => r.status === 201))
      expect((await end(started)).status).toBe(200);
    const again = [await start(), await start()];
    expect(statuses(again)).toEqual([201, 201]);
    for (const started of again) await end(started);
    // Four started this hour: the fifth waits for the hour to be over.
    const fifth = await start();
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.message).toBe('You have started 4 chats this hour; try again later');
    expect(Number(fifth.headers.get('retry-after'))).toBe(3600);
  });

  it('documents 429 on the routes that answer it', async () => {
    const { body } = await server.signUp('Kofi').then((c) => c.get('/api/openapi.json'));
    expect(body.paths['/api/v1/sessions'].post.responses).toHaveProperty(['429']);
    expect(body.paths['/api/v1/sessions/{id}/messages'].post.responses).toHaveProperty(['429']);
  });
});
