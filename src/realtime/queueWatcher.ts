// Keeps waiting customers told of their place in the queue: whenever the queue or the agents'
// availability changes, and at least every `refreshMs` (the estimate counts down while nothing
// changes), this node recomputes the positions of the waiting sessions its own customers are
// watching (one batch per burst of changes) and pushes queue.position frames.
import { topics, type EventBus } from '../bus/bus.js';
import { estimateQueuePositions } from '../services/sessions/queueEstimator.js';
import type { Db } from '../storage/store.js';
import type { ClientConnection } from './connection.js';

/** Changes arriving within this window are answered with one recomputation. */
const DEBOUNCE_MS = 150;

export class QueueWatcher {
  private readonly watchers = new Map<string, Set<ClientConnection>>();
  private stopListening: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;
  private refresh: NodeJS.Timeout | null = null;
  private listening: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly options: {
      now: () => number;
      /** Every waiting customer hears their place and estimate again at least this often. */
      refreshMs: number;
      onError: (error: unknown) => void;
    },
  ) {}

  /** A customer is watching their waiting session: tell them now and on every change. */
  watch(connection: ClientConnection, sessionId: string): void {
    let set = this.watchers.get(sessionId);
    if (!set) this.watchers.set(sessionId, (set = new Set()));
    if (set.has(connection)) return;
    set.add(connection);
    this.listening ??= this.listen();
    void this.push([sessionId]);
  }

  /** The connection stopped following the session, or the session left the queue. */
  unwatch(connection: ClientConnection, sessionId: string): void {
    const set = this.watchers.get(sessionId);
    if (!set) return;
    set.delete(connection);
    if (set.size === 0) this.watchers.delete(sessionId);
  }

  /** The connection closed. */
  forget(connection: ClientConnection): void {
    for (const sessionId of [...this.watchers.keys()]) this.unwatch(connection, sessionId);
  }

  /** Recompute soon (the queue or capacity changed). */
  changed(): void {
    if (this.timer || this.watchers.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.push([...this.watchers.keys()]);
    }, DEBOUNCE_MS);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.refresh) clearInterval(this.refresh);
    this.refresh = null;
    for (const stop of this.stopListening) stop();
    this.stopListening = [];
  }

  private async listen(): Promise<void> {
    this.refresh = setInterval(
      () => void this.push([...this.watchers.keys()]),
      this.options.refreshMs,
    );
    this.refresh.unref();
    this.stopListening.push(
      await this.bus.subscribe(topics.queue, () => this.changed()),
      await this.bus.subscribe(topics.agents, () => this.changed()),
    );
  }

  private async push(sessionIds: string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    try {
      const rows = await this.db
        .selectFrom('chat_sessions')
        .selectAll()
        .where('id', 'in', sessionIds)
        .execute();
      const waiting = rows.filter((row) => row.status === 'waiting');
      for (const row of rows) if (row.status !== 'waiting') this.watchers.delete(row.id);
      for (const position of await estimateQueuePositions(this.db, waiting, this.options.now())) {
        for (const connection of this.watchers.get(position.sessionId) ?? []) {
          connection.send({ type: 'queue.position', ...position });
        }
      }
    } catch (error) {
      this.options.onError(error);
    }
  }
}
