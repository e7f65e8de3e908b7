// Pushes the live dashboard to the sockets watching it (`dashboard.watch`): a snapshot at once,
// then again whenever something it shows may have changed — the queue, an assignment, an end, an
// agent's status or load, a ticket — heard on the bus, so changes made on any node count. Watchers
// of the same scope (every chat, or one set of led teams) share one computation, and each scope
// is pushed at most once per DASHBOARD_PUSH_INTERVAL_MS however much changes. While nothing
// changes it is pushed again every `refreshMs`, as waits grow and SLA due times come near.
import { topics, type EventBus } from '../bus/bus.js';
import { pushDelay } from '../domain/reports/liveDashboard.js';
import { DASHBOARD_PUSH_INTERVAL_MS } from '../shared/dashboard.js';
import type { ServerFrame } from '../shared/protocol.js';
import {
  dashboardScopeFor,
  liveDashboard,
  scopeKey,
  type DashboardScope,
} from '../services/reports/liveDashboard.js';
import type { ServiceContext } from '../services/context.js';
import type { ClientConnection } from './connection.js';

/** Changes arriving within this window are answered with one computation. */
const SETTLE_MS = 100;

interface Watched {
  scope: DashboardScope;
  connections: Set<ClientConnection>;
  lastPushAt: number | null;
  timer: NodeJS.Timeout | null;
  /** A computation is running; `dirty`: something changed meanwhile, so another follows. */
  computing: boolean;
  dirty: boolean;
}

/** Frames that say nothing the dashboard shows (a chat started or stopped awaiting a reply). */
const irrelevant = (frame: ServerFrame) =>
  frame.type === 'sessions.changed' && frame.change === 'awaiting';

export class DashboardWatchers {
  private readonly scopes = new Map<string, Watched>();
  /** Which scope each watching connection is in. */
  private readonly watching = new Map<ClientConnection, string>();
  private listening: Promise<void> | null = null;
  private stopListening: Array<() => void> = [];
  private refresh: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly bus: EventBus,
    private readonly options: { refreshMs: number; onError: (error: unknown) => void },
  ) {}

  /**
   * The connection watches the dashboard of its viewer's scope: refused (403) to whoever may not;
   * the first snapshot answers with `ref`.
   */
  async watch(connection: ClientConnection, ref: string | undefined): Promise<void> {
    const scope = await dashboardScopeFor(this.ctx.store.db, connection.viewer);
    this.unwatch(connection);
    const key = scopeKey(scope);
    let watched = this.scopes.get(key);
    if (!watched) {
      watched = {
        scope,
        connections: new Set(),
        lastPushAt: null,
        timer: null,
        computing: false,
        dirty: false,
      };
      this.scopes.set(key, watched);
    }
    watched.connections.add(connection);
    this.watching.set(connection, key);
    this.listening ??= this.listen();
    // Listen before reading, so a change committed meanwhile is pushed after this snapshot.
    await this.listening;
    const snapshot = await liveDashboard(this.ctx.store.db, scope, this.ctx.clock.now());
    if (this.watching.get(connection) !== key) return;
    connection.send({ type: 'dashboard.snapshot', ...(ref ? { ref } : {}), snapshot });
  }

  /** The connection stopped watching (or closed). */
  unwatch(connection: ClientConnection): void {
    const key = this.watching.get(connection);
    if (key === undefined) return;
    this.watching.delete(connection);
    const watched = this.scopes.get(key);
    if (!watched) return;
    watched.connections.delete(connection);
    if (watched.connections.size > 0) return;
    if (watched.timer) clearTimeout(watched.timer);
    this.scopes.delete(key);
  }

  /** Something the dashboards show may have changed: every scope is pushed again soon. */
  changed(): void {
    for (const watched of this.scopes.values()) this.schedule(watched);
  }

  stop(): void {
    if (this.refresh) clearInterval(this.refresh);
    this.refresh = null;
    for (const watched of this.scopes.values()) if (watched.timer) clearTimeout(watched.timer);
    this.scopes.clear();
    this.watching.clear();
    for (const stop of this.stopListening) stop();
    this.stopListening = [];
  }

  private schedule(watched: Watched): void {
    if (watched.computing) watched.dirty = true;
    if (watched.timer || watched.computing) return;
    const delay = pushDelay(
      watched.lastPushAt,
      this.ctx.clock.now(),
      DASHBOARD_PUSH_INTERVAL_MS,
      SETTLE_MS,
    );
    watched.timer = setTimeout(() => void this.push(watched), delay);
  }

  private async push(watched: Watched): Promise<void> {
    watched.timer = null;
    watched.computing = true;
    try {
      const snapshot = await liveDashboard(this.ctx.store.db, watched.scope, this.ctx.clock.now());
      // Stamped when it was read, so a change during the read is pushed the interval after.
      watched.lastPushAt = this.ctx.clock.now();
      for (const connection of watched.connections) {
        connection.send({ type: 'dashboard.snapshot', snapshot });
      }
    } catch (error) {
      this.options.onError(error);
    } finally {
      watched.computing = false;
    }
    if (watched.dirty && this.scopes.get(scopeKey(watched.scope)) === watched) {
      watched.dirty = false;
      this.schedule(watched);
    }
  }

  private async listen(): Promise<void> {
    this.refresh = setInterval(() => this.changed(), this.options.refreshMs);
    this.refresh.unref();
    const onFrame = (frame: ServerFrame) => {
      if (!irrelevant(frame)) this.changed();
    };
    for (const topic of [topics.queue, topics.monitor, topics.agents, topics.tickets]) {
      this.stopListening.push(await this.bus.subscribe(topic, onFrame));
    }
  }
}
