// Who is connected: each node counts its own WebSockets per user and records them in the
// database, so "connected" means "any live node holds a socket". Agents whose last socket has
// been gone longer than the grace period are set to away, so chats stop routing to them.
import { isAgent, type Viewer } from '../../domain/policies.js';
import { isConnectedAnywhere, setPresence } from '../../storage/repositories/cluster.js';
import { commit, type ServiceContext } from '../context.js';

export class PresenceTracker {
  private readonly local = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly ctx: ServiceContext) {}

  async connected(viewer: Viewer): Promise<void> {
    const count = (this.local.get(viewer.id) ?? 0) + 1;
    this.local.set(viewer.id, count);
    const { db } = this.ctx.store;
    const now = this.ctx.clock.now();
    await setPresence(db, this.ctx.nodeId, viewer.id, count, now);
    if (count === 1 && isAgent(viewer)) {
      await db
        .updateTable('chat_agent_status')
        .set({ last_disconnected_at: null })
        .where('agent_id', '=', viewer.id)
        .execute();
    }
  }

  async disconnected(viewer: Viewer): Promise<void> {
    const count = Math.max(0, (this.local.get(viewer.id) ?? 1) - 1);
    if (count === 0) this.local.delete(viewer.id);
    else this.local.set(viewer.id, count);
    const { db } = this.ctx.store;
    const now = this.ctx.clock.now();
    await setPresence(db, this.ctx.nodeId, viewer.id, count, now);
    if (count > 0 || !isAgent(viewer)) return;
    await db
      .updateTable('chat_agent_status')
      .set({ last_disconnected_at: now })
      .where('agent_id', '=', viewer.id)
      .execute();
    // Check again once the grace period is over (the periodic sweep is the safety net).
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      sweepAwayAgents(this.ctx).catch(() => {});
    }, this.ctx.settings.agentAwayGraceMs + 50);
    timer.unref();
    this.timers.add(timer);
  }

  /** Number of sockets this node holds, per user (for shutdown and diagnostics). */
  localConnections(): ReadonlyMap<string, number> {
    return this.local;
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

/**
 * Sets to away every online or busy agent whose last socket closed more than the grace period
 * ago and who has not reconnected on any node. Safe to run on several nodes at once.
 */
export async function sweepAwayAgents(ctx: ServiceContext): Promise<string[]> {
  const now = ctx.clock.now();
  const cutoff = now - ctx.settings.agentAwayGraceMs;
  const candidates = await ctx.store.db
    .selectFrom('chat_agent_status')
    .select('agent_id')
    .where('status', 'in', ['online', 'busy'])
    .where('last_disconnected_at', 'is not', null)
    .where('last_disconnected_at', '<=', cutoff)
    .execute();
  const setAway: string[] = [];
  for (const { agent_id } of candidates) {
    if (await isConnectedAnywhere(ctx.store.db, agent_id, now - ctx.settings.nodeStaleMs)) continue;
    const changed = await commit(ctx, async (trx, outbox) => {
      const result = await trx
        .updateTable('chat_agent_status')
        .set({ status: 'away', updated_at: now })
        .where('agent_id', '=', agent_id)
        .where('status', 'in', ['online', 'busy'])
        .where('last_disconnected_at', '<=', cutoff)
        .executeTakeFirst();
      const moved = Number(result.numUpdatedRows) === 1;
      if (moved) outbox.touchAgent(agent_id);
      return moved;
    });
    if (changed) setAway.push(agent_id);
  }
  return setAway;
}
