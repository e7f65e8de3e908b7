// One contract for every event bus: the in-process bus and the Redis bus must behave alike.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { EventBus } from '../../src/bus/bus.js';
import { MemoryBus } from '../../src/bus/memoryBus.js';
import { RedisBus } from '../../src/bus/redisBus.js';
import type { ServerFrame } from '../../src/shared/protocol.js';

const pong = (ref: string): ServerFrame => ({ type: 'pong', ref });

interface BusFactory {
  name: string;
  /** Two buses that see each other, as two nodes would. */
  pair(): Promise<[EventBus, EventBus]>;
}

const factories: BusFactory[] = [
  {
    name: 'memory',
    async pair() {
      const bus = new MemoryBus();
      return [bus, bus];
    },
  },
];
const redisUrl = inject('redisUrl');
if (redisUrl) {
  factories.push({
    name: 'redis',
    async pair() {
      const prefix = `sbt-${randomBytes(4).toString('hex')}:`;
      const a = new RedisBus({ url: redisUrl, prefix });
      const b = new RedisBus({ url: redisUrl, prefix });
      await Promise.all([a.ready(), b.ready()]);
      return [a, b];
    },
  });
}

for (const factory of factories) {
  describe(`event bus contract [${factory.name}]`, () => {
    const open: EventBus[] = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((bus) => bus.close()));
    });
    async function pair() {
      const buses = await factory.pair();
      open.push(...new Set(buses));
      return buses;
    }

    it('delivers a frame to subscribers of its topic, on every node, in order', async () => {
      const [a, b] = await pair();
      const onA: ServerFrame[] = [];
      const onB: ServerFrame[] = [];
      await a.subscribe('session:1', (f) => onA.push(f));
      await b.subscribe('session:1', (f) => onB.push(f));
      for (let i = 0; i < 20; i++) a.publish('session:1', pong(String(i)));
      const expected = Array.from({ length: 20 }, (_, i) => pong(String(i)));
      await expect.poll(() => onB).toEqual(expected);
      expect(onA).toEqual(expected);
    });

    it('does not deliver other topics', async () => {
      const [a, b] = await pair();
      const received: ServerFrame[] = [];
      await b.subscribe('session:1', (f) => received.push(f));
      a.publish('session:2', pong('other'));
      a.publish('session:1', pong('mine'));
      await expect.poll(() => received).toEqual([pong('mine')]);
    });

    it('stops delivering after unsubscribe, but keeps other subscribers of the topic', async () => {
      const [a, b] = await pair();
      const first: ServerFrame[] = [];
      const second: ServerFrame[] = [];
      const stopFirst = await b.subscribe('queue', (f) => first.push(f));
      await b.subscribe('queue', (f) => second.push(f));
      stopFirst();
      stopFirst();
      a.publish('queue', pong('x'));
      await expect.poll(() => second).toEqual([pong('x')]);
      expect(first).toEqual([]);
    });

    it('keeps delivering to the others as a topic goes from one subscriber to several and back', async () => {
      const [a, b] = await pair();
      const heard: string[] = [];
      const listen = (name: string) => (f: ServerFrame) =>
        heard.push(`${name}:${f.type === 'pong' ? f.ref : f.type}`);
      const stopOne = await b.subscribe('user:1', listen('one'));
      const stopTwo = await b.subscribe('user:1', listen('two'));
      const stopThree = await b.subscribe('user:1', listen('three'));
      stopTwo();
      a.publish('user:1', pong('a'));
      await expect.poll(() => [...heard].sort()).toEqual(['one:a', 'three:a']);
      stopOne();
      stopThree();
      // A stale stop of an earlier subscription must not end a new one.
      const stopAgain = await b.subscribe('user:1', listen('again'));
      stopOne();
      a.publish('user:1', pong('b'));
      await expect.poll(() => heard.filter((h) => h.endsWith(':b'))).toEqual(['again:b']);
      stopAgain();
      await b.subscribe('user:1', listen('sentinel'));
      a.publish('user:1', pong('c'));
      await expect.poll(() => heard.filter((h) => h.endsWith(':c'))).toEqual(['sentinel:c']);
    });

    it('reports itself connected', async () => {
      const [a] = await pair();
      expect(a.isConnected()).toBe(true);
    });
  });
}
