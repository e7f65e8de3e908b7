// Periodic background work. Every node beats its heartbeat; the deployment-wide chores
// (forgetting dead nodes, the away sweep and the return of stranded chats, transfer offers past
// their deadline, the automatic close of solved tickets, the tickets of chats nobody answered in
// time, SLA warnings and breaches, the routing safety net, expiring old rows and sign-ups never
// verified, removing files no message holds, the mail outbox's retries, the chat report
// rollups, the SLA recounts after an edit of a policy or calendar) run on whichever node holds the housekeeping lease, so they run
// once per period, not once per node.
import { topics } from '../../bus/bus.js';
import {
  acquireLease,
  registerNode,
  releaseLease,
  staleNodes,
  unregisterNode,
  usersPresentOn,
} from '../../storage/repositories/cluster.js';
import { deleteExpiredAuthSessions } from '../../storage/repositories/authSessions.js';
import { deleteExpiredWindows } from '../../storage/repositories/rateLimits.js';
import { deleteExpiredAccountTokens } from '../../storage/repositories/accountTokens.js';
import { deleteSettledMail } from '../../storage/repositories/mail/outbox.js';
import type { ServiceContext } from '../context.js';
import { announcePresence, sweepAwayAgents, type PresenceTracker } from '../agents/presence.js';
import { requeueStrandedChats } from '../sessions/strandedChatRequeuer.js';
import { closeSolvedTickets } from '../tickets/ticketAutoCloser.js';
import { ticketUnansweredChats } from '../tickets/unansweredChatTickets.js';
import { mailSlaAlerts } from '../mail/ticketMail/agentNotices.js';
import { sweepSlaAlerts } from '../tickets/ticketSlaSweeper.js';
import { expireDueOffers } from '../transfers/transferOfferExpiry.js';
import { sweepFiles } from '../files/fileSweeper.js';
import { rollUpDirtyHours } from '../reports/chatRollupWorker.js';
import { recountSla } from '../tickets/slaRecounts.js';
import { forgetAbandonedSignUps } from '../accounts/abandonedSignUps.js';

const LEASE = 'housekeeping';
/** Sent mail is kept a month (the admin page shows it), expired links a day past their time. */
const SENT_MAIL_KEPT_MS = 30 * 86_400_000;
const EXPIRED_TOKENS_KEPT_MS = 86_400_000;

/**
 * What a node records of its own sockets in the database (presence, sockets per sign-in):
 * rewritten from the node's own counts when a write failed or when `removed` (its rows are gone).
 */
export interface NodeCounts {
  reconcile(removed: boolean): Promise<void>;
}

/**
 * Removes `nodeId` and its presence rows: agents who were connected only through it count as
 * disconnected since `lastSeenAt` (so the away sweep picks them up) and are announced so.
 */
async function forgetNode(ctx: ServiceContext, nodeId: string, lastSeenAt: number): Promise<void> {
  const { db } = ctx.store;
  const users = await usersPresentOn(db, nodeId);
  await unregisterNode(db, nodeId);
  if (users.length === 0) return;
  await db
    .updateTable('chat_agent_status')
    .set({ last_disconnected_at: lastSeenAt })
    .where('agent_id', 'in', users)
    .where('last_disconnected_at', 'is', null)
    .execute();
  await announcePresence(ctx, users, { onlyDisconnected: true });
}

/**
 * Nodes whose heartbeat is older than `staleBefore` are gone: they are forgotten from their
 * last beat, and every node's sockets catch up from the database (the dead node may have
 * committed changes it never got to publish).
 */
async function forgetDeadNodes(ctx: ServiceContext, staleBefore: number): Promise<void> {
  const dead = await staleNodes(ctx.store.db, staleBefore);
  for (const node of dead) await forgetNode(ctx, node.id, node.heartbeat_at);
  if (dead.length > 0)
    ctx.bus.publish(topics.deployment, { type: 'refresh', reason: 'a node stopped' });
}

/**
 * Registers this node as it starts. A row already under its NODE_ID is an earlier run of it
 * that died without unregistering (kill -9, then a restart before its peers noticed): that run's
 * presence rows count sockets that no longer exist, and it may have committed changes it never
 * published, so it is forgotten as a dead node is before this run records anything. Returns
 * true when it was.
 */
export async function joinDeployment(ctx: ServiceContext): Promise<boolean> {
  const { db } = ctx.store;
  const previous = await db
    .selectFrom('nodes')
    .select('heartbeat_at')
    .where('id', '=', ctx.nodeId)
    .executeTakeFirst();
  if (previous) await forgetNode(ctx, ctx.nodeId, previous.heartbeat_at);
  await registerNode(db, ctx.nodeId, ctx.clock.now());
  if (previous) ctx.bus.publish(topics.deployment, { type: 'refresh', reason: 'a node restarted' });
  return previous !== undefined;
}

/**
 * Beats this node's heartbeat. Returns its previous beat, or null when its row was gone: on the
 * first beat, or because another node presumed this one dead and removed it.
 */
async function beat(ctx: ServiceContext, now: number): Promise<number | null> {
  const { db } = ctx.store;
  const row = await db
    .selectFrom('nodes')
    .select('heartbeat_at')
    .where('id', '=', ctx.nodeId)
    .executeTakeFirst();
  await registerNode(db, ctx.nodeId, now);
  return row?.heartbeat_at ?? null;
}

/**
 * One period of housekeeping; `counts` are this node's, rewritten when its rows were lost, and
 * `presence` (this node's tracker) times the return of the chats of agents the sweep set away.
 * Returns true when this node held the lease and did the deployment-wide chores.
 */
export async function runHousekeeping(
  ctx: ServiceContext,
  intervalMs: number,
  counts: readonly NodeCounts[] = [],
  presence?: Pick<PresenceTracker, 'requeueAfterDelay'>,
): Promise<boolean> {
  const { db } = ctx.store;
  const now = ctx.clock.now();
  const previousBeat = await beat(ctx, now);
  for (const recorded of counts) await recorded.reconcile(previousBeat === null);
  const leased = await acquireLease(db, LEASE, ctx.nodeId, now, now + intervalMs * 2);
  if (!leased) return false;
  // Peers are judged against this node's own last beat, not the wall clock: after an outage
  // that stopped every heartbeat (the database was away), the first node back must not take
  // its live peers for dead, and a node that was itself presumed dead judges nobody.
  if (previousBeat !== null) await forgetDeadNodes(ctx, previousBeat - ctx.settings.nodeStaleMs);
  const setAway = await sweepAwayAgents(ctx);
  if (setAway.length > 0) presence?.requeueAfterDelay();
  await requeueStrandedChats(ctx);
  // The node that made an offer expires it at its deadline; this catches what a lost node left.
  await expireDueOffers(ctx);
  await closeSolvedTickets(ctx);
  await sweepSlaAlerts(ctx, { onAlert: mailSlaAlerts(ctx) });
  await deleteExpiredAuthSessions(db, now);
  await deleteExpiredWindows(db, now);
  await deleteExpiredAccountTokens(db, now - EXPIRED_TOKENS_KEPT_MS);
  await forgetAbandonedSignUps(ctx);
  await deleteSettledMail(db, now - SENT_MAIL_KEPT_MS);
  await sweepFiles(ctx);
  ctx.routing.kick();
  // Retries that came due and mail whose claim ran out (a node stopped while sending it).
  ctx.mail.kick();
  // Late: a chat whose ticket cannot be written (it stays waiting) holds up no other chore.
  await ticketUnansweredChats(ctx);
  // Last: a slow or failing count never holds up the chores above.
  await rollUpDirtyHours(ctx);
  await recountSla(ctx);
  return true;
}

export class Housekeeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly counts: readonly NodeCounts[],
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly presence?: PresenceTracker,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running = runHousekeeping(this.ctx, this.intervalMs, this.counts, this.presence).catch(
        this.onError,
      );
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    await releaseLease(this.ctx.store.db, LEASE, this.ctx.nodeId).catch(() => {});
    // Agents whose last socket was here are announced as disconnected.
    await forgetNode(this.ctx, this.ctx.nodeId, this.ctx.clock.now()).catch(() => {});
  }
}
