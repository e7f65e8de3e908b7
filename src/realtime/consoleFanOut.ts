// The console's changes for every agent socket of this node: the queue's (`queue.changed`) and
// the agents' states (`agent.status`), heard once per node rather than once per socket, and sent
// at most once per CONSOLE_FLUSH_MS window. Within a window each agent's latest state stands for
// the ones before it (a state, not an event), the queue's changes go in order, and each frame is
// serialized once for every socket. A socket that asked for batches (CONSOLE_BATCH_PARAM) gets
// the window as one `console.changes` frame; the others get the frames one by one. With many
// agents connected this bounds a routing drain's socket writes per console to the windows, not
// the chats (docs/performance.md).
import { topics, type EventBus } from '../bus/bus.js';
import type { ServerFrame } from '../shared/protocol.js';
import type { ClientConnection } from './connection.js';

/** The longest a console change waits to be sent with others; the first after a quiet spell goes at once. */
export const CONSOLE_FLUSH_MS = 50;

type QueueChanged = Extract<ServerFrame, { type: 'queue.changed' }>;
type AgentStatus = Extract<ServerFrame, { type: 'agent.status' }>;

/** Serialized at most once, when the first socket that may have it as is sends it. */
function sharedJson(frame: ServerFrame): () => string {
  let json: string | undefined;
  return () => (json ??= JSON.stringify(frame));
}

export class ConsoleFanOut {
  /** Each agent connection, and whether it asked for `console.changes`. */
  private readonly connections = new Map<ClientConnection, boolean>();
  private queue: QueueChanged[] = [];
  /** The latest state of each agent heard since the last flush, in the order last heard. */
  private readonly agents = new Map<string, AgentStatus>();
  private timer: NodeJS.Timeout | null = null;
  private lastFlushAt = -Infinity;
  private listening: Promise<void> | null = null;
  private readonly stops: Array<() => void> = [];

  constructor(
    private readonly bus: EventBus,
    /** Milliseconds of a monotonic clock: the window is real time, as its timer is. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Resolves once this node hears the console's topics (frames published from then on count). */
  listen(): Promise<void> {
    this.listening ??= (async () => {
      for (const topic of [topics.queue, topics.agents]) {
        this.stops.push(await this.bus.subscribe(topic, (frame) => this.heard(frame)));
      }
    })();
    return this.listening;
  }

  /** The connection (an agent's, greeted) hears the console's changes from the next flush on. */
  add(connection: ClientConnection, batched: boolean): void {
    this.connections.set(connection, batched);
  }

  remove(connection: ClientConnection): void {
    this.connections.delete(connection);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const stop of this.stops) stop();
    this.stops.length = 0;
    this.listening = null;
    this.connections.clear();
  }

  private heard(frame: ServerFrame): void {
    if (frame.type === 'queue.changed') this.queue.push(frame);
    else if (frame.type === 'agent.status') {
      this.agents.delete(frame.state.agent.id);
      this.agents.set(frame.state.agent.id, frame);
    } else {
      // Nothing else travels on these topics today; should something, it goes as it came.
      const json = sharedJson(frame);
      for (const connection of this.connections.keys()) connection.sendShared(frame, json);
      return;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    const delay = Math.max(0, this.lastFlushAt + CONSOLE_FLUSH_MS - this.now());
    this.timer = setTimeout(() => this.flush(), delay);
  }

  private flush(): void {
    this.timer = null;
    this.lastFlushAt = this.now();
    const queue = this.queue;
    const agents = [...this.agents.values()];
    this.queue = [];
    this.agents.clear();
    if (this.connections.size === 0) return;
    const singles = [...queue, ...agents].map((frame) => ({ frame, json: sharedJson(frame) }));
    const batch: ServerFrame = {
      type: 'console.changes',
      queue: queue.map(({ sessionId, status }) => ({ sessionId, status })),
      agents: agents.map((frame) => frame.state),
    };
    const batchJson = sharedJson(batch);
    for (const [connection, batched] of this.connections) {
      if (batched) connection.sendShared(batch, batchJson);
      else for (const { frame, json } of singles) connection.sendShared(frame, json);
    }
  }
}
