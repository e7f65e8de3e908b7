// Sockets while the gateway is still setting them up, their bus subscriptions pending as on a
// busy PostgreSQL or Redis: one that closes then leaves no bus listener behind, and one that
// stays hears `hello` before anything published meanwhile.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EventBus, FrameHandler } from '../../src/bus/bus.js';
import { MemoryBus } from '../../src/bus/memoryBus.js';
import { describeEachDatabase } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/testNode.js';

/** An in-process bus whose subscriptions complete only when the test lets them. */
class GatedBus implements EventBus {
  private readonly inner = new MemoryBus();
  private gate: Promise<void> = Promise.resolve();
  private release: () => void = () => {};
  /** The topic whose subscriptions wait for the gate; all of them when null. */
  private heldTopic: string | null = null;
  /** Subscriptions asked for and not yet complete. */
  pending = 0;
  /** Live listeners by topic. */
  readonly live = new Map<string, number>();

  hold(topic: string | null = null): void {
    this.heldTopic = topic;
    this.gate = new Promise((resolve) => (this.release = resolve));
  }

  open(): void {
    this.release();
  }

  publish(topic: string, frame: Parameters<FrameHandler>[0]): void {
    this.inner.publish(topic, frame);
  }

  async subscribe(topic: string, handler: FrameHandler): Promise<() => void> {
    if (this.heldTopic === null || this.heldTopic === topic) {
      this.pending++;
      await this.gate;
      this.pending--;
    }
    const stop = this.inner.subscribeNow(topic, handler);
    this.live.set(topic, (this.live.get(topic) ?? 0) + 1);
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      stop();
      this.live.set(topic, this.live.get(topic)! - 1);
    };
  }

  listeners(topic: string): number {
    return this.live.get(topic) ?? 0;
  }

  onResume(): void {}
  isConnected(): boolean {
    return true;
  }
  async close(): Promise<void> {}
}

describeEachDatabase('sockets still opening', (db) => {
  let server: TestNode;
  const bus = new GatedBus();
  beforeAll(async () => {
    server = await startTestNode(db(), {}, { bus });
  });
  afterAll(async () => {
    bus.open();
    await server.stop();
  });

  it('leaves no bus listener behind', async () => {
    const ama = await server.signUp('Ama', 'admin');
    bus.hold();
    const sockets = await Promise.all(Array.from({ length: 20 }, () => ama.socket()));
    // Every socket is stuck on its first subscription when its client goes away.
    await expect.poll(() => bus.pending, { timeout: 5000 }).toBe(20);
    for (const socket of sockets) socket.close();
    await expect.poll(() => server.node.gateway.size, { timeout: 5000 }).toBe(0);

    bus.open();
    await expect.poll(() => bus.pending, { timeout: 5000 }).toBe(0);
    const personal = [`user:${ama.user!.id}`, 'queue', 'agents'];
    await expect
      .poll(() => personal.map((topic) => bus.listeners(topic)), { timeout: 5000 })
      .toEqual([0, 0, 0]);
    expect([...bus.live].filter(([topic, n]) => topic.startsWith('sign-in:') && n > 0)).toEqual([]);
  });

  it('hear hello before what was published while they subscribed', async () => {
    const kofi = await server.signUp('Kofi', 'admin');
    bus.hold('agents');
    const socket = await kofi.socket();
    await expect.poll(() => bus.pending, { timeout: 5000 }).toBe(1);
    // The personal topic is live already; the socket has not said hello yet.
    bus.publish(`user:${kofi.user!.id}`, { type: 'refresh', reason: 'test' });
    bus.open();
    await socket.waitFor((f) => f.type === 'refresh');
    expect(socket.frames.map((f) => f.type).slice(0, 2)).toEqual(['hello', 'refresh']);
    socket.close();
  });
});
