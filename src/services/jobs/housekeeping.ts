// Periodic background work. Every node beats its heartbeat; the deployment-wide chores
// (forgetting dead nodes, the away sweep, the routing safety net, expiring old rows) run on
// whichever node holds the housekeeping lease, so they run once per period, not once per node.
import {
  acquireLease,
  registerNode,
  releaseLease,
  staleNodeIds,
  unregisterNode,
  usersPresentOn,
} from '../../storage/repositories/cluster.js';
import { deleteExpiredAuthSessions } from '../../storage/repositories/authSessions.js';
import { deleteExpiredWindows } from '../../storage/repositories/rateLimits.js';
import type { ServiceContext } from '../context.js';
import { sweepAwayAgents } from '../agents/presence.js';

const LEASE = 'housekeeping';

/** Agents who were connected only through a dead node count as disconnected from its last beat. */
async function forgetDeadNodes(ctx: ServiceContext): Promise<void> {
  const { db } = ctx.store;
  const now = ctx.clock.now();
  for (const nodeId of await staleNodeIds(db, now - ctx.settings.nodeStaleMs)) {
    const users = await usersPresentOn(db, nodeId);
    const node = await db
      .selectFrom('nodes')
      .select('heartbeat_at')
      .where('id', '=', nodeId)
      .executeTakeFirst();
    await unregisterNode(db, nodeId);
    if (users.length === 0) continue;
    await db
      .updateTable('chat_agent_status')
      .set({ last_disconnected_at: node?.heartbeat_at ?? now })
      .where('agent_id', 'in', users)
      .where('last_disconnected_at', 'is', null)
      .execute();
  }
}

export async function runHousekeeping(ctx: ServiceContext, intervalMs: number): Promise<boolean> {
  const { db } = ctx.store;
  const now = ctx.clock.now();
  await registerNode(db, ctx.nodeId, now);
  const leased = await acquireLease(db, LEASE, ctx.nodeId, now, now + intervalMs * 2);
  if (!leased) return false;
  await forgetDeadNodes(ctx);
  await sweepAwayAgents(ctx);
  await deleteExpiredAuthSessions(db, now);
  await deleteExpiredWindows(db, now);
  ctx.routing.kick();
  return true;
}

export class Housekeeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running = runHousekeeping(this.ctx, this.intervalMs).catch(this.onError);
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    await releaseLease(this.ctx.store.db, LEASE, this.ctx.nodeId).catch(() => {});
    await unregisterNode(this.ctx.store.db, this.ctx.nodeId).catch(() => {});
  }
}
