// Auto-assignment: drains the waiting queue into agents' free capacity. It runs whenever
// something may have changed the outcome (a chat starts or ends, an agent comes online or
// raises their max) and from a periodic safety-net sweep; bursts of triggers coalesce.
import {
  AssignmentPlanner,
  planAssignments,
  type AgentLoad,
  type QueuedSession,
} from '../../domain/routing.js';
import { selectRoutableAgents } from '../../storage/repositories/agents.js';
import { selectQueue } from '../../storage/repositories/sessions.js';
import type { Db } from '../../storage/store.js';
import { commit, type RoutingTrigger, type ServiceContext } from '../context.js';
import { agentLoadOf, placeChats } from './chatAssigner.js';

/** Assignments per transaction: big enough to drain fast, small enough to keep locks short. */
const BATCH = 200;

type QueueRow = Awaited<ReturnType<ReturnType<typeof selectQueue>['execute']>>[number];

const toQueued = (row: QueueRow): QueuedSession => ({
  id: row.id,
  customerId: row.user_id,
  priority: row.priority,
  startedAt: row.started_at,
});

const roomOf = (agents: readonly AgentLoad[]) =>
  agents.reduce((sum, a) => sum + (a.maxConcurrentChats - a.openChats), 0);

/**
 * Locks the head of the queue: as many chats as `agents` can take, read further past chats
 * none of them may take (an agent's own chat), so such a chat never holds back the ones behind
 * it. Stops when the plan is full or the queue ends; usually that is one read of `room` rows.
 */
async function lockQueueHead(
  trx: Db,
  ctx: ServiceContext,
  agents: readonly AgentLoad[],
  room: number,
): Promise<QueueRow[]> {
  const planner = new AssignmentPlanner(agents, ctx.clock.now(), room);
  const queue: QueueRow[] = [];
  let pageSize = room;
  while (planner.open) {
    const page = await ctx.store
      .forUpdate(selectQueue(trx, pageSize).offset(queue.length))
      .execute();
    queue.push(...page);
    planner.add(page.map(toQueued));
    if (page.length < pageSize) break;
    pageSize = BATCH;
  }
  return queue;
}

/**
 * Routes one batch: locks the head of the queue, then the routable agents in id order —
 * sessions before agents, the order every transaction takes its locks in — plans, and places.
 * Returns how many chats were placed.
 *
 * The queue is locked with a plain FOR UPDATE, not SKIP LOCKED: routers already run one at a
 * time, and a chat whose row is briefly held (its customer sending a message) must be waited
 * for, or it would sit in the queue until the next sweep.
 */
async function routeBatch(ctx: ServiceContext): Promise<number> {
  return commit(ctx, async (trx, outbox) => {
    // One router at a time across the deployment; manual takes do not wait for it.
    await ctx.store.lockForTransaction(trx, 'switchboard:routing');
    const unlocked = (await selectRoutableAgents(trx).execute()).map(agentLoadOf);
    const room = Math.min(roomOf(unlocked), BATCH);
    if (room <= 0) return 0;
    const queue = await lockQueueHead(trx, ctx, unlocked, room);
    if (queue.length === 0) return 0;
    // Read again under lock: takes and ends may have changed loads while we waited.
    const agents = (await ctx.store.forUpdate(selectRoutableAgents(trx)).execute()).map(
      agentLoadOf,
    );
    const plan = planAssignments(queue.map(toQueued), agents, ctx.clock.now(), BATCH);
    if (plan.length === 0) return 0;
    const customerOf = new Map(queue.map((q) => [q.id, q.user_id]));
    const people = await trx
      .selectFrom('users')
      .select(['id', 'name', 'email', 'role'])
      .where('id', 'in', [
        ...new Set(plan.flatMap((p) => [p.agentId, customerOf.get(p.sessionId)!])),
      ])
      .execute();
    const byId = new Map(people.map((p) => [p.id, p]));
    const placements = plan.map(({ sessionId, agentId }) => ({
      sessionId,
      customer: byId.get(customerOf.get(sessionId)!)!,
      agent: byId.get(agentId)!,
    }));
    // Agents and queue are locked and the plan fits their room, so this cannot conflict.
    await placeChats(trx, ctx, outbox, placements, { overCapacity: false });
    return placements.length;
  });
}

/**
 * Routes until the queue is empty or nobody has room. A batch that placed fewer than it could
 * have ran out of room or of chats, so another pass would place nothing: it stops there instead
 * of spending a transaction to find that out (it did so once for every chat ended). Whatever
 * frees room or queues a chat after the batch read them kicks routing again.
 */
export async function routeQueue(ctx: ServiceContext): Promise<number> {
  let total = 0;
  for (;;) {
    const placed = await routeBatch(ctx);
    total += placed;
    if (placed < BATCH) return total;
  }
}

/**
 * Runs routing in the background on kick(). A pass starts once the current turn of the event
 * loop is over (setImmediate, no delay), so the kicks of every end in one shared commit, which
 * all arrive in that turn, start one pass that refills all their slots. A kick during a run
 * schedules exactly one more run, so no trigger is lost and a burst of triggers costs two passes
 * at most.
 */
export class RoutingScheduler implements RoutingTrigger {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly route: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop();
  }

  /** Resolves when no routing pass is running or scheduled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    do {
      await new Promise((resolve) => setImmediate(resolve));
      this.again = false;
      try {
        await this.route();
      } catch (error) {
        this.onError(error);
      }
    } while (this.again);
    this.running = null;
  }
}
