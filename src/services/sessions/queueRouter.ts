// Auto-assignment: drains the waiting queue into agents' free capacity, each team's chats into
// its own agents' (and, once they have waited the team's overflow delay, its fallback team's).
// It runs whenever something may have changed the outcome (a chat starts or ends, an agent comes
// online or raises their max, joins a team), at the moment the next waiting chat overflows, and
// from a periodic safety-net sweep; bursts of triggers coalesce.
import {
  AssignmentPlanner,
  nextWidening,
  planAssignments,
  queueScope,
  type AgentLoad,
  type OverflowRules,
  type QueuedSession,
  type QueueScope,
  type RoutableAgent,
} from '../../domain/routing.js';
import { selectRoutableAgents } from '../../storage/repositories/agents.js';
import { selectQueue } from '../../storage/repositories/sessions/sessionLists.js';
import { nextToOverflow, teamsForRouting } from '../../storage/repositories/teamRouting.js';
import type { Db } from '../../storage/store.js';
import { commit, type RoutingTrigger, type ServiceContext } from '../context.js';
import type { Clock } from '../runtime.js';
import { agentLoadOf, placeChats } from './chatAssigner.js';

/** Assignments per transaction: big enough to drain fast, small enough to keep locks short. */
const BATCH = 200;

/** What a routing run did, and when the queue next becomes routable to more agents. */
export interface RoutingOutcome {
  placed: number;
  /** Epoch milliseconds of the next overflow that agents with room could take; null: none. */
  nextPassAt: number | null;
}

type QueueRow = Awaited<ReturnType<ReturnType<typeof selectQueue>['execute']>>[number];

const toQueued = (row: QueueRow): QueuedSession => ({
  id: row.id,
  customerId: row.user_id,
  priority: row.priority,
  startedAt: row.started_at,
  teamId: row.team_id,
});

const roomOf = (agents: readonly AgentLoad[]) =>
  agents.reduce((sum, a) => sum + (a.maxConcurrentChats - a.openChats), 0);

const withTeams = (
  loads: readonly AgentLoad[],
  teamsOf: ReadonlyMap<string, readonly string[]>,
): RoutableAgent[] => loads.map((load) => ({ ...load, teamIds: teamsOf.get(load.id) ?? [] }));

/**
 * Locks the head of the queue: as many chats as `agents` can take, of the part of the queue they
 * may be given (`scope`), read further past chats none of them may take (an agent's own chat),
 * so such a chat never holds back the ones behind it. Stops when the plan is full or the queue
 * ends; usually that is one read of `room` rows.
 */
async function lockQueueHead(
  trx: Db,
  ctx: ServiceContext,
  plan: { agents: readonly RoutableAgent[]; now: number; overflow: OverflowRules },
  scope: QueueScope,
  room: number,
): Promise<QueueRow[]> {
  const planner = new AssignmentPlanner(plan.agents, plan.now, {
    limit: room,
    overflow: plan.overflow,
  });
  const queue: QueueRow[] = [];
  const seen = new Set<string>();
  let pageSize = room;
  while (planner.open) {
    const page = await ctx.store
      .forUpdate(selectQueue(trx, pageSize, scope).offset(queue.length))
      .execute();
    // A chat started meanwhile ahead of the offset shifts the pages: a row read twice is one chat.
    const fresh = page.filter((row) => !seen.has(row.id));
    for (const row of fresh) seen.add(row.id);
    queue.push(...fresh);
    planner.add(fresh.map(toQueued));
    if (page.length < pageSize) break;
    pageSize = BATCH;
  }
  return queue;
}

/**
 * Routes one batch: reads who has room and their teams, locks the head of the part of the queue
 * they may be given, then the routable agents in id order — sessions before agents, the order
 * every transaction takes its locks in — plans, and places. A batch that could place more (the
 * last of a run) also finds when the next waiting chat overflows to a team with room.
 *
 * The queue is locked with a plain FOR UPDATE, not SKIP LOCKED: routers already run one at a
 * time, and a chat whose row is briefly held (its customer sending a message) must be waited
 * for, or it would sit in the queue until the next sweep.
 */
async function routeBatch(ctx: ServiceContext): Promise<RoutingOutcome> {
  return commit(ctx, async (trx, outbox) => {
    // One router at a time across the deployment; manual takes do not wait for it.
    await ctx.store.lockForTransaction(trx, 'switchboard:routing');
    const now = ctx.clock.now();
    const loads = (await selectRoutableAgents(trx).execute()).map(agentLoadOf);
    const room = Math.min(roomOf(loads), BATCH);
    // Nobody has room: an overflow now would change nothing, and whatever frees room kicks routing.
    if (room <= 0) return { placed: 0, nextPassAt: null };
    const { teamsOf, overflow } = await teamsForRouting(
      trx,
      loads.map((a) => a.id),
    );
    const unlocked = withTeams(loads, teamsOf);
    const moment = { now, overflow };
    const nextPassAt = async () => nextWidening(await nextToOverflow(trx, overflow, now), moment);
    const queue = await lockQueueHead(
      trx,
      ctx,
      { agents: unlocked, now, overflow },
      queueScope(unlocked, moment),
      room,
    );
    if (queue.length === 0) return { placed: 0, nextPassAt: await nextPassAt() };
    // Read again under lock: takes and ends may have changed loads while we waited. An agent
    // who has gained room since the first read is routed without teams this time (their gain
    // kicks another pass).
    const agents = withTeams(
      (await ctx.store.forUpdate(selectRoutableAgents(trx)).execute()).map(agentLoadOf),
      teamsOf,
    );
    const plan = planAssignments(queue.map(toQueued), agents, now, { limit: BATCH, overflow });
    if (plan.length === 0) return { placed: 0, nextPassAt: await nextPassAt() };
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
    return {
      placed: placements.length,
      // A full batch is followed by another, which looks ahead in its turn.
      nextPassAt: placements.length < BATCH ? await nextPassAt() : null,
    };
  });
}

/**
 * Routes until the queue is empty or nobody has room. A batch that placed fewer than it could
 * have ran out of room or of chats, so another pass would place nothing: it stops there instead
 * of spending a transaction to find that out (it did so once for every chat ended). Whatever
 * frees room or queues a chat after the batch read them kicks routing again; what no event
 * announces, a chat overflowing to another team once it has waited, is `nextPassAt`.
 */
export async function routeQueue(ctx: ServiceContext): Promise<RoutingOutcome> {
  let placed = 0;
  for (;;) {
    const batch = await routeBatch(ctx);
    placed += batch.placed;
    if (batch.placed < BATCH) return { placed, nextPassAt: batch.nextPassAt };
  }
}

/** Runs `work` after `delayMs`; returns what cancels it. */
export type SetTimer = (work: () => void, delayMs: number) => () => void;

const realTimer: SetTimer = (work, delayMs) => {
  const timer = setTimeout(work, delayMs);
  // A pending pass never keeps the process alive.
  timer.unref();
  return () => clearTimeout(timer);
};

/** setTimeout's limit; a later pass is simply timed again when this one runs. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * After a pass that failed (the database was briefly away, a statement ran past its deadline on
 * a loaded machine), the next is timed this much later, so the queue does not wait for the
 * housekeeping sweep or another kick to move again.
 */
export const RETRY_FAILED_PASS_MS = 1000;

/**
 * Runs routing in the background on kick(). A pass starts once the current turn of the event
 * loop is over (setImmediate, no delay), so the kicks of every end in one shared commit, which
 * all arrive in that turn, start one pass that refills all their slots. A kick during a run
 * schedules exactly one more run, so no trigger is lost and a burst of triggers costs two passes
 * at most. When a pass says a waiting chat will overflow to agents with room later
 * (`nextPassAt`), a pass is timed for that moment, by the injected clock; one timer is kept, for
 * the earliest moment asked, and every pass asks again, so it follows the queue as it changes.
 * A pass that fails times another RETRY_FAILED_PASS_MS later.
 */
export class RoutingScheduler implements RoutingTrigger {
  private running: Promise<void> | null = null;
  private again = false;
  private timed: { at: number; cancel: () => void } | null = null;
  private stopped = false;

  constructor(
    private readonly route: () => Promise<RoutingOutcome>,
    private readonly onError: (error: unknown) => void,
    private readonly clock: Clock,
    private readonly setTimer: SetTimer = realTimer,
  ) {}

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop();
  }

  /** The moment a pass is timed for, if any (what the last passes asked for). */
  get nextPassAt(): number | null {
    return this.timed?.at ?? null;
  }

  /** Resolves when no routing pass is running or scheduled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Cancels the timed pass and times no more (the node is stopping); kicks still run. */
  stop(): void {
    this.stopped = true;
    this.timed?.cancel();
    this.timed = null;
  }

  private passAt(at: number): void {
    if (this.stopped || (this.timed && this.timed.at <= at)) return;
    this.timed?.cancel();
    const delay = Math.min(Math.max(0, at - this.clock.now()), MAX_TIMER_MS);
    const cancel = this.setTimer(() => {
      if (this.timed?.at === at) this.timed = null;
      this.kick();
    }, delay);
    this.timed = { at, cancel };
  }

  private async loop(): Promise<void> {
    do {
      await new Promise((resolve) => setImmediate(resolve));
      this.again = false;
      try {
        const { nextPassAt } = await this.route();
        if (nextPassAt !== null) this.passAt(nextPassAt);
      } catch (error) {
        this.onError(error);
        this.passAt(this.clock.now() + RETRY_FAILED_PASS_MS);
      }
    } while (this.again);
    this.running = null;
  }
}
