// A socket lives no longer than the sign-in it was opened with: signing out, expiry and a
// revocation the bus never announced all close it with 4001, cookie and token sockets alike.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { topics } from '../../src/bus/bus.js';
import type { Clock } from '../../src/services/runtime.js';
import { describeEachDatabase } from '../support/databases.js';
import {
  Client,
  SocketClient,
  TEST_PASSWORD,
  startTestNode,
  type TestNode,
} from '../support/testNode.js';

/** The system clock, moved forward on demand. */
class ShiftedClock implements Clock {
  private offsetMs = 0;
  now = () => Date.now() + this.offsetMs;
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

describeEachDatabase('sockets and sign-ins', (db) => {
  let server: TestNode;
  const clock = new ShiftedClock();
  beforeAll(async () => {
    server = await startTestNode(db(), { HEARTBEAT_SECONDS: '0.1' }, { clock });
  });
  afterAll(async () => {
    await server.stop();
  });

  /** A second, independent sign-in of the same person (another browser). */
  async function signInAgain(client: Client): Promise<Client> {
    const { email } = (await client.get('/api/v1/auth/me')).body.user;
    const other = new Client(server.url);
    expect((await other.signIn(email, TEST_PASSWORD)).status).toBe(200);
    return other;
  }

  async function tokenOf(client: Client): Promise<string> {
    const { email } = (await client.get('/api/v1/auth/me')).body.user;
    const { body } = await client.post('/api/v1/auth/tokens', { email, password: TEST_PASSWORD });
    return body.token as string;
  }

  const bearerSocket = (token: string) =>
    SocketClient.connect(server.url, null, server.url, { authorization: `Bearer ${token}` });

  it('closes the sockets of a sign-in that signs out, and only those', async () => {
    const laptop = await server.signUp('Kojo');
    const phone = await signInAgain(laptop);
    const laptopSocket = await laptop.socket();
    const phoneSocket = await phone.socket();
    await laptopSocket.waitFor((f) => f.type === 'hello');
    await phoneSocket.waitFor((f) => f.type === 'hello');

    expect((await laptop.post('/api/v1/auth/logout')).status).toBe(204);
    expect(await laptopSocket.waitForClose()).toBe(4001);
    expect(laptopSocket.frames).toContainEqual({ type: 'bye', reason: 'signed_out', retryMs: 0 });
    expect(await phoneSocket.call({ type: 'ping' })).toMatchObject({ type: 'pong' });
    phoneSocket.close();
  });

  it('sets an online agent away once they sign out of their last sign-in, not before', async () => {
    const laptop = await server.signUp('Ama', 'admin');
    const phone = await signInAgain(laptop);
    await laptop.patch('/api/v1/agents/me', { status: 'online' });
    const watcher = await server.signUp('Ada', 'super_admin');
    const status = async () => {
      const { body } = await watcher.get('/api/v1/agents');
      const items = (body as { items: Array<{ agent: { id: string }; status: string }> }).items;
      return items.find((item) => item.agent.id === laptop.user!.id)?.status;
    };

    expect((await laptop.post('/api/v1/auth/logout')).status).toBe(204);
    expect(await status()).toBe('online');
    expect((await phone.post('/api/v1/auth/logout')).status).toBe(204);
    expect(await status()).toBe('away');
  });

  it('closes a token socket when its token is signed out', async () => {
    const kojo = await server.signUp('Kojo');
    const token = await tokenOf(kojo);
    const socket = await bearerSocket(token);
    await socket.waitFor((f) => f.type === 'hello');
    const out = await new Client(server.url).request('POST', '/api/v1/auth/logout', undefined, {
      authorization: `Bearer ${token}`,
    });
    expect(out.status).toBe(204);
    expect(await socket.waitForClose()).toBe(4001);
  });

  it('has a socket reconnect, still signed in, when the person’s role changes', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const kojo = await server.signUp('Kojo');
    const socket = await kojo.socket();
    await socket.waitFor((f) => f.type === 'hello');
    await boss.patch(`/api/v1/accounts/${kojo.user!.id}`, { role: 'admin' });
    expect(await socket.waitForClose()).toBe(1012);
    expect(socket.frames).toContainEqual({ type: 'bye', reason: 'role_changed', retryMs: 0 });
    const again = await kojo.socket();
    expect(await again.waitFor((f) => f.type === 'hello')).toMatchObject({
      user: { role: 'admin' },
    });
    again.close();
  });

  it('refuses an invalid token on the socket, as it does a missing cookie', async () => {
    const socket = await bearerSocket('not-a-token');
    expect(await socket.waitForClose()).toBe(4001);
    expect(socket.frames[0]).toMatchObject({ type: 'error', error: { code: 'UNAUTHENTICATED' } });
  });

  it('closes a socket when a revocation was never announced, once the bus may have lost it', async () => {
    const kojo = await server.signUp('Kojo');
    const socket = await kojo.socket();
    await socket.waitFor((f) => f.type === 'hello');
    // Revoked behind the gateway's back, as if the `bye` had been lost with a Redis outage.
    await db().db.deleteFrom('auth_sessions').where('user_id', '=', kojo.user!.id).execute();
    expect(await socket.call({ type: 'ping' })).toMatchObject({ type: 'pong' });
    server.node.ctx.bus.publish(topics.deployment, { type: 'refresh', reason: 'a node died' });
    expect(await socket.waitForClose()).toBe(4001);
  });

  // Last: it moves this node's clock past every sign-in made so far.
  it('closes cookie and token sockets once their sign-in has expired', async () => {
    const kojo = await server.signUp('Kojo');
    const cookieSocket = await kojo.socket();
    const tokenSocket = await bearerSocket(await tokenOf(kojo));
    await cookieSocket.waitFor((f) => f.type === 'hello');
    await tokenSocket.waitFor((f) => f.type === 'hello');
    clock.advance(server.config.authSessionIdleMs + 1);
    expect(await cookieSocket.waitForClose()).toBe(4001);
    expect(await tokenSocket.waitForClose()).toBe(4001);
  });
});
