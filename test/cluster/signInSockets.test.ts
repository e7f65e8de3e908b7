// Sockets per sign-in over two node processes: one sign-in's sockets land on both nodes, and
// however many open at once, together they stay within the limit; a node that crashed stops
// holding places once its heartbeat is stale.
import { describe, expect, inject, it } from 'vitest';
import { CLOSE_CODES } from '../../src/shared/protocol.js';
import type { SocketClient } from '../support/testNode.js';
import { useCluster } from './support/clusterSuite.js';

const postgresUrl = inject('postgresUrl');
const redisUrl = inject('redisUrl');

/** The socket's first word: greeted, or turned away. */
const firstWord = (socket: SocketClient) =>
  socket.waitFor((f) => f.type === 'hello' || f.type === 'error').then((f) => f.type);

describe.skipIf(!postgresUrl || !redisUrl)('sockets of one sign-in across nodes', () => {
  const cluster = useCluster(() => ({
    postgresUrl: postgresUrl!,
    redisUrl: redisUrl!,
    nodes: ['a', 'b'],
    // A crashed node is presumed gone after three silent beats: 1.5 s.
    env: { SOCKET_LIMIT_PER_SIGNIN: '3', HOUSEKEEPING_SECONDS: '0.5' },
  }));

  it('admits only as many as the limit over both nodes, however many open at once', async () => {
    const yaw = await cluster.signIn('a', 'Yaw');
    const sockets = await Promise.all(
      Array.from({ length: 8 }, (_, i) => yaw.socket(cluster.url(i % 2 ? 'a' : 'b'))),
    );
    const words = await Promise.all(sockets.map(firstWord));
    expect(words.filter((w) => w === 'hello')).toHaveLength(3);
    const refused = sockets.filter((_, i) => words[i] === 'error');
    expect(refused).toHaveLength(5);
    for (const socket of refused) {
      expect(await socket.waitForClose()).toBe(CLOSE_CODES.TOO_MANY_SOCKETS);
    }

    // A place freed on one node is taken on the other.
    const admitted = sockets.filter((_, i) => words[i] === 'hello');
    admitted[0]!.close();
    await expect
      .poll(async () => {
        const socket = await yaw.socket(cluster.url('b'));
        const word = await firstWord(socket);
        if (word === 'hello') admitted[0] = socket;
        else socket.close();
        return word;
      })
      .toBe('hello');
    for (const socket of admitted) socket.close();
  });

  it('frees the places a crashed node held once it is presumed gone', async () => {
    const esi = await cluster.signIn('a', 'Esi');
    const onA = await Promise.all([1, 2, 3].map(() => cluster.connect(esi, 'a')));
    const turnedAway = await esi.socket(cluster.url('b'));
    expect(await firstWord(turnedAway)).toBe('error');

    await cluster.node('a').crash();
    for (const socket of onA) socket.close();
    await expect
      .poll(
        async () => {
          const socket = await esi.socket(cluster.url('b'));
          const word = await firstWord(socket);
          socket.close();
          return word;
        },
        { timeout: 10_000, interval: 500 },
      )
      .toBe('hello');
    await cluster.startNode('a');
  });
});
