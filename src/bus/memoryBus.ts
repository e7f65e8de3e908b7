// The in-process bus for a single node: frames go straight to local subscribers, in order.
import type { EventBus, FrameHandler } from './bus.js';

export class MemoryBus implements EventBus {
  /**
   * A topic's one handler as is, or a set once it has several: most topics (a person's, a
   * sign-in's) have one listener, and an idle socket's memory counts.
   */
  private readonly handlers = new Map<string, FrameHandler | Set<FrameHandler>>();

  publish(topic: string, frame: Parameters<FrameHandler>[0]): void {
    const handlers = this.handlers.get(topic);
    if (typeof handlers === 'function') handlers(frame);
    else if (handlers) for (const handler of handlers) handler(frame);
  }

  async subscribe(topic: string, handler: FrameHandler): Promise<() => void> {
    return this.subscribeNow(topic, handler);
  }

  subscribeNow(topic: string, handler: FrameHandler): () => void {
    const existing = this.handlers.get(topic);
    if (existing === undefined) this.handlers.set(topic, handler);
    else if (typeof existing === 'function') this.handlers.set(topic, new Set([existing, handler]));
    else existing.add(handler);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      const current = this.handlers.get(topic);
      if (current === handler) this.handlers.delete(topic);
      else if (current instanceof Set) {
        current.delete(handler);
        if (current.size === 0) this.handlers.delete(topic);
      }
    };
  }

  onResume(): void {
    // An in-process bus never loses its link.
  }

  isConnected(): boolean {
    return true;
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
