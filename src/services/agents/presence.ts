// Who is connected: each node counts its own WebSockets per user and records them in the
// database, so "connected" means "any live node holds a socket". An agent's first socket on a
// node and their last one anywhere are announced live to the agents topic. Agents with no socket
// anywhere for the grace period are set to away, so chats stop routing to them, and their chats
// go back to the queue after a further delay (sessions/strandedChatRequeuer.ts).
import { topics } from '../../bus/bus.js';
import { isAgent, type Viewer } from '../../domain/policies.js';
import { shouldSetAway } from '../../domain/strandedChats.js';
import { agentsGoneSince, setAwayIfStillGone } from '../../storage/repositories/agentPresence.js';
import { recordStatusChange } from '../../storage/repositories/reports/agentTime.js';
import { listAgentStates } from '../../storage/repositories/agents.js';
import { setPresence } from '../../storage/repositories/cluster.js';
import { commit, type ServiceContext } from '../context.js';
import { FAN_OUT, presentAgentState } from '../presenters.js';
import { requeueStrandedChats } from '../sessions/strandedChatRequeuer.js';

export class PresenceTracker {
  /** This node's sockets per user, and whether the user is an agent. */
  private readonly local = new Map<string, { sockets: number; agent: boolean }>();
  /** Per user, the last write queued: one user's rows change in the order their sockets did. */
  private readonly writes = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Users this node has a presence row for, as last written: tells a row appearing or going. */
  private readonly rows = new Set<string>();
  /** A write failed (database unreachable), so the rows may disagree with `local`. */
  private outOfSync = false;
  /** The node is stopping: sockets closing now are recorded in one write by stop(). */
  private stopped = false;

  constructor(private readonly ctx: ServiceContext) {}

  connected(viewer: Viewer): Promise<void> {
    const sockets = (this.local.get(viewer.id)?.sockets ?? 0) + 1;
    this.local.set(viewer.id, { sockets, agent: isAgent(viewer) });
    return this.record(viewer.id, isAgent(viewer));
  }

  async disconnected(viewer: Viewer): Promise<void> {
    const sockets = Math.max(0, (this.local.get(viewer.id)?.sockets ?? 1) - 1);
    if (sockets === 0) this.local.delete(viewer.id);
    else this.local.set(viewer.id, { sockets, agent: isAgent(viewer) });
    await this.record(viewer.id, isAgent(viewer));
    if (sockets === 0 && isAgent(viewer)) {
      this.sweepAfterGrace();
      // One who signed out was set away at once: their delay runs from now.
      this.requeueAfterDelay();
    }
  }

  /**
   * Runs the away sweep once the grace period is over, for agents who just lost their last
   * socket here, and the requeue of their chats once the delay after that is over (the
   * periodic sweeps are the safety net).
   */
  sweepAfterGrace(): void {
    this.later(this.ctx.settings.agentAwayGraceMs, async () => {
      const setAway = await sweepAwayAgents(this.ctx);
      if (setAway.length > 0) this.requeueAfterDelay();
    });
  }

  /** Returns stranded chats to the queue once the requeue delay from now is over. */
  requeueAfterDelay(): void {
    if (this.ctx.settings.requeueAfterAwayMs <= 0) return;
    this.later(this.ctx.settings.requeueAfterAwayMs, () => requeueStrandedChats(this.ctx));
  }

  private later(ms: number, work: () => Promise<unknown>): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      work().catch(() => {});
    }, ms + 50);
    timer.unref();
    this.timers.add(timer);
  }

  /**
   * Rewrites this node's presence rows from its own count of sockets, when a write failed or
   * when `removed` (another node presumed this one dead and deleted them).
   */
  async reconcile(removed: boolean): Promise<void> {
    if (!removed && !this.outOfSync) return;
    this.outOfSync = false;
    const rows = await this.ctx.store.db
      .selectFrom('presence')
      .select('user_id')
      .where('node_id', '=', this.ctx.nodeId)
      .execute();
    // What the database holds is what the next writes change: a row another node removed
    // reappears (announced as a connection), a row a failed write left behind goes (announced
    // as a disconnection if it was the user's last).
    this.rows.clear();
    for (const row of rows) this.rows.add(row.user_id);
    const users = new Set([...this.local.keys(), ...rows.map((row) => row.user_id)]);
    // A row left without a socket here carries no role; for a customer, the agent status
    // update simply matches nothing.
    await Promise.all(
      [...users].map((userId) => this.record(userId, this.local.get(userId)?.agent ?? true)),
    );
  }

  /**
   * Graceful stop, called before the node closes its sockets: instead of a write per closing
   * socket, one write marks every agent connected here as gone since now (their presence rows
   * go with the node's registration). Agents who reconnect to another node are cleared there.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const agents = [...this.local].filter(([, entry]) => entry.agent).map(([userId]) => userId);
    await Promise.allSettled([...this.writes.values()]);
    if (agents.length === 0) return;
    await this.ctx.store.db
      .updateTable('chat_agent_status')
      .set({ last_disconnected_at: this.ctx.clock.now() })
      .where('agent_id', 'in', agents)
      .where('last_disconnected_at', 'is', null)
      .execute();
  }

  /** Queues a write of the user's current state behind their previous one. */
  private record(userId: string, agent: boolean): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const write = (this.writes.get(userId) ?? Promise.resolve()).then(() =>
      this.write(userId, agent),
    );
    const settled = write.then(
      () => {},
      () => {
        this.outOfSync = true;
      },
    );
    this.writes.set(userId, settled);
    void settled.then(() => {
      if (this.writes.get(userId) === settled) this.writes.delete(userId);
    });
    return write;
  }

  /**
   * This node's count of the user's sockets now, and for agents whether they just left. When
   * this node's row appears or goes, an agent's state is announced: connected, or (if no other
   * node holds a socket of theirs) disconnected.
   */
  private async write(userId: string, agent: boolean): Promise<void> {
    const { db } = this.ctx.store;
    const now = this.ctx.clock.now();
    const sockets = this.local.get(userId)?.sockets ?? 0;
    await setPresence(db, this.ctx.nodeId, userId, sockets, now);
    const present = sockets > 0;
    const changed = present !== this.rows.has(userId);
    if (present) this.rows.add(userId);
    else this.rows.delete(userId);
    if (!agent) return;
    await db
      .updateTable('chat_agent_status')
      .set({ last_disconnected_at: sockets > 0 ? null : now })
      .where('agent_id', '=', userId)
      .execute();
    if (changed) await announcePresence(this.ctx, [userId], { onlyDisconnected: !present });
  }
}

/**
 * Publishes the agents' current states, `connected` included, on the agents topic (users who
 * are not agents are skipped). With `onlyDisconnected`, agents still connected through some
 * live node are skipped: nothing changed for them.
 */
export async function announcePresence(
  ctx: ServiceContext,
  userIds: readonly string[],
  options: { onlyDisconnected?: boolean } = {},
): Promise<void> {
  if (userIds.length === 0) return;
  const states = await listAgentStates(ctx.store.db, {
    now: ctx.clock.now(),
    nodeStaleMs: ctx.settings.nodeStaleMs,
    agentIds: userIds,
  });
  for (const state of states) {
    if (options.onlyDisconnected && state.connected) continue;
    ctx.bus.publish(topics.agents, {
      type: 'agent.status',
      state: presentAgentState(state, FAN_OUT),
    });
  }
}

/**
 * Sets to away every online or busy agent who has had no socket on any node for the grace
 * period: since their last socket closed, or since they went online if none opened since
 * (WebSockets blocked by a proxy). Safe to run on several nodes at once.
 */
export async function sweepAwayAgents(ctx: ServiceContext): Promise<string[]> {
  const now = ctx.clock.now();
  const goneBefore = now - ctx.settings.agentAwayGraceMs;
  const aliveSince = now - ctx.settings.nodeStaleMs;
  const candidates = await agentsGoneSince(ctx.store.db, { goneBefore, aliveSince });
  const setAway: string[] = [];
  for (const agent of candidates) {
    if (!shouldSetAway(agent, now, ctx.settings.agentAwayGraceMs)) continue;
    const changed = await commit(ctx, async (trx, outbox) => {
      const moved = await setAwayIfStillGone(trx, agent.agentId, { goneBefore, aliveSince, now });
      if (moved) {
        await recordStatusChange(trx, agent.agentId, now);
        outbox.touchAgent(agent.agentId);
      }
      return moved;
    });
    if (changed) setAway.push(agent.agentId);
  }
  return setAway;
}
