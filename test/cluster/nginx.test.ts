// nginx (the Debian package) in front of two nodes, with the configuration docs/deploy.md
// documents (deploy/nginx.conf): WebSockets pass through and spread over both nodes, a chat
// between people on different nodes works through the proxy, and when a node dies its clients
// reconnect through nginx to the other one while requests keep succeeding.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SocketClient } from '../support/testNode.js';
import type { Person } from './support/cluster.js';
import { useCluster } from './support/clusterSuite.js';
import { eventsOf, expectContiguous, isMessage, type Message } from './support/frames.js';
import { Nginx } from './support/nginx.js';
import { freePort } from './support/ports.js';
import { ResumingChat } from './support/resumingChat.js';
import { requireProgram } from './support/tools.js';

const postgresUrl = inject('postgresUrl');
const redisUrl = inject('redisUrl');
const canRun = postgresUrl !== null && redisUrl !== null && requireProgram('nginx', ['-v']);

describe.skipIf(!canRun)('nginx in front of two nodes', () => {
  /** Where nginx listens, chosen before the nodes start because they announce it. */
  let port: number;
  let nginx: Nginx;
  const cluster = useCluster(async () => {
    port = await freePort();
    return {
      postgresUrl: postgresUrl!,
      redisUrl: redisUrl!,
      nodes: ['a', 'b'],
      env: { PUBLIC_URL: `http://127.0.0.1:${port}`, TRUST_PROXY: 'true' },
    };
  });
  // Registered after the cluster's hooks: nginx starts after the nodes and stops before them.
  beforeAll(async () => {
    nginx = await Nginx.start(
      ['a', 'b'].map((name) => new URL(cluster.url(name)).host),
      port,
    );
  });
  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.log(`[nginx] ${nginx.errorLog()}`);
  });
  afterAll(async () => {
    await nginx?.stop();
  });

  /** The nodes holding the person's sockets, from the presence rows (dead nodes' linger). */
  async function nodesOf(person: Person): Promise<string[]> {
    const rows = await cluster.store.db
      .selectFrom('presence')
      .select('node_id')
      .where('user_id', '=', person.id)
      .orderBy('node_id')
      .execute();
    return rows.map((row) => row.node_id);
  }

  let ama: Person;
  let yaw: Person;
  let amaSocket: SocketClient;
  let chat: ResumingChat;

  it('spreads sockets over both nodes and carries a chat between them', async () => {
    ama = await cluster.signInAt(nginx.url, 'Ama', 'admin');
    yaw = await cluster.signInAt(nginx.url, 'Yaw');
    await ama.on(nginx.url).patch('/api/v1/agents/me', { status: 'online' });
    const started = await yaw
      .on(nginx.url)
      .post('/api/v1/sessions', { subject: 'Refund', message: 'Hello' });
    expect(started.status).toBe(201);
    const sessionId: string = started.body.id;
    await expect
      .poll(async () => (await yaw.on(nginx.url).get(`/api/v1/sessions/${sessionId}`)).body.status)
      .toBe('active');

    // One socket each, opened one after the other: least_conn puts them on different nodes.
    amaSocket = await ama.socket(nginx.url);
    await amaSocket.waitFor((f) => f.type === 'hello');
    chat = new ResumingChat(yaw, sessionId);
    await chat.connect(nginx.url);
    await expect
      .poll(async () => [...(await nodesOf(ama)), ...(await nodesOf(yaw))].sort())
      .toEqual(['a', 'b']);

    await amaSocket.call({ type: 'subscribe', sessionId, afterSeq: 0 });
    const ack = (await chat.socket.call({
      type: 'message.send',
      sessionId,
      clientId: 'y-1',
      text: 'Through the proxy',
    })) as { message: Message };
    await amaSocket.waitFor(isMessage(sessionId, ack.message.id));
    amaSocket.send({ type: 'typing', sessionId, typing: true });
    await chat.socket.waitFor((f) => f.type === 'typing' && f.user.id === ama.id);
  });

  it('moves clients of a dead node to the other one and keeps answering', async () => {
    const sessionId = chat.sessionId;
    const [doomed] = await nodesOf(yaw);
    const survivor = doomed === 'a' ? 'b' : 'a';
    // Ama's socket is on the survivor; Yaw's goes down with its node.
    await cluster.node(doomed!).crash();
    await chat.socket.waitForClose();
    const resumed = await chat.connect(nginx.url);
    await expect.poll(() => nodesOf(yaw)).toContain(survivor);
    expect(resumed.seq).toBe(chat.lastSeq());

    for (let i = 2; i <= 5; i++) chat.send(`y-${i}`, `after the crash ${i}`);
    await chat.allAcknowledged();
    for (const message of chat.acks().values())
      await amaSocket.waitFor(isMessage(sessionId, message.id));
    expectContiguous(chat.events(), 1);
    expectContiguous(eventsOf(amaSocket, sessionId), 1);

    // Plain requests through nginx keep succeeding: the dead node is skipped.
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? yaw.on(nginx.url).get(`/api/v1/sessions/${sessionId}`)
          : yaw
              .on(nginx.url)
              .post(`/api/v1/sessions/${sessionId}/messages`, { text: `burst ${i}` }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 200 : 201)),
    );
    chat.close();
  });

  it('never writes the SSO landing’s sign-in token to its access log', async () => {
    const token = `eyJhbGciOiJIUzI1NiJ9.not-a-real-token.${'x'.repeat(24)}`;
    const reply = await fetch(`${nginx.url}/api/v1/auth/sso?token=${token}&next=/`, {
      redirect: 'manual',
    });
    expect(reply.status).toBe(303);
    await expect
      .poll(() => nginx.accessLog(), { timeout: 5000 })
      .toContain('"GET /api/v1/auth/sso HTTP/1.1" 303');
    expect(nginx.accessLog()).not.toContain('not-a-real-token');
  });
});
