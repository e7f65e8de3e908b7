// The in-process bus for a single node: frames go straight to local subscribers, in order.
import type { EventBus, FrameHandler } from './bus.js';

export class MemoryBus implements EventBus {
  private readonly handlers = new Map<string, Set<FrameHandler>>();

  publish(topic: string, frame: Parameters<FrameHandler>[0]): void {
    for (const handler of this.handlers.get(topic) ?? []) handler(frame);
  }

  async subscribe(topic: string, handler: FrameHandler): Promise<() => void> {
    return this.subscribeNow(topic, handler);
  }

  subscribeNow(topic: string, handler: FrameHandler): () => void {
    let set = this.handlers.get(topic);
    if (!set) this.handlers.set(topic, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0) this.handlers.delete(topic);
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
