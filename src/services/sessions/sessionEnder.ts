// Ends a chat (by its customer, its agent or a super admin), frees the agent's slot so routing
// can hand them the next chat, and takes the customer's rating when they give it at once. Every
// end kicks routing once it is durable; on SQLite concurrent ends share one commit, whose kicks
// start one routing pass that refills all their slots.
import { sessionPolicy, type Viewer } from '../../domain/policies.js';
import { AppError, invalid } from '../../domain/errors.js';
import { assertTransition } from '../../domain/sessionLifecycle.js';
import type { EndedBy } from '../../shared/vocabulary.js';
import { removeOpenChat } from '../../storage/repositories/agents.js';
import { markParticipantLeft } from '../../storage/repositories/sessions/sessionParticipants.js';
import {
  updateSessionReservingIf,
  type SessionCore,
  type SessionRecord,
} from '../../storage/repositories/sessions/sessionRecords.js';
import { findUserById } from '../../storage/repositories/users.js';
import { commit, type Outbox, type ServiceContext } from '../context.js';
import type { Db } from '../../storage/store.js';
import { closePendingOffer } from '../transfers/offerClosing.js';
import { markReportHours } from '../reports/reportMarks.js';
import { ticketAbandonedChat } from '../tickets/abandonedChatTicket.js';
import { loadSessionFor } from './sessionAccess.js';
import { writeMessage, writeSessionUpdate } from './sessionEvents.js';

export interface EndSessionProps {
  viewer: Viewer;
  sessionId: string;
  /** Only the customer rates; ignored for anyone else. */
  rating?: number | undefined;
  feedback?: string | undefined;
}

function endedBy(viewer: Viewer, record: SessionCore): EndedBy {
  if (record.row.user_id === viewer.id) return 'user';
  if (record.row.assigned_agent_id === viewer.id) return 'agent';
  return 'admin';
}

/**
 * Ends share commits where that costs nothing but the wait for the next commit: SQLite, whose one
 * writer makes a commit per end (and a routing pass per end) the drain's bound. Where
 * transactions lock rows (PostgreSQL), a shared commit would hold every end's agent row until
 * the whole batch commits, so routing and other nodes' ends would wait for the batch (seconds,
 * on a loaded machine, past the query timeout); there ends keep short transactions of their own,
 * which commit in parallel on the pool's connections.
 */
const grouping = (ctx: ServiceContext, sessionId: string) =>
  ctx.store.rowLocks ? {} : { groupBy: sessionId };

export function endSession(ctx: ServiceContext, props: EndSessionProps): Promise<SessionRecord> {
  const { viewer, sessionId } = props;
  return commit(
    ctx,
    async (trx, outbox) => {
      const { record, facts } = await loadSessionFor(trx, viewer, sessionId, {
        rule: sessionPolicy.end,
        lock: ctx.store,
      });
      assertTransition(record.row.status, 'end');
      if (props.feedback !== undefined && props.rating === undefined) {
        throw invalid('rating', 'is required with feedback');
      }
      if (props.rating !== undefined && !sessionPolicy.rate(viewer, facts)) {
        throw new AppError('FORBIDDEN', 'Only the customer can rate a chat');
      }
      const by = endedBy(viewer, record);
      // The customer and the agent were read with the chat; only an admin is looked up.
      const actor =
        by === 'user'
          ? record.customer
          : by === 'agent'
            ? record.agent
            : await findUserById(trx, viewer.id);
      // Before the end, so that the chat's last update already names its ticket.
      if (by === 'user') await ticketAbandonedChat(trx, ctx, outbox, record.row);
      return closeSession(trx, ctx, outbox, record, {
        by,
        actorName: actor?.name ?? 'Someone',
        rating: props.rating,
        feedback: props.feedback,
      });
    },
    grouping(ctx, sessionId),
  );
}

/**
 * Ends `record` inside the caller's transaction: frees its agent's slot (and asks routing to
 * use it), withdraws a pending transfer offer, writes the system message and the session update.
 */
export async function closeSession(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  record: SessionCore,
  closing: {
    by: EndedBy;
    actorName: string;
    rating?: number | undefined;
    feedback?: string | undefined;
    /** The system line the customer reads, instead of who ended the chat. */
    line?: string;
  },
): Promise<SessionRecord> {
  const sessionId = record.row.id;
  const now = ctx.clock.now();
  const agentId = record.row.assigned_agent_id;
  // The statement that ends the chat also reserves the sequence numbers of its system line and
  // its session update (nothing below reserves any before them), as placeChats does for a start.
  const lastSeq = await updateSessionReservingIf(
    trx,
    sessionId,
    { status: record.row.status, agentId },
    {
      status: 'ended',
      ended_at: now,
      ended_by: closing.by,
      updated_at: now,
      ...(closing.rating !== undefined
        ? { rating: closing.rating, feedback: closing.feedback ?? null, rated_at: now }
        : {}),
    },
    { seqs: 2, now },
  );
  if (lastSeq === null)
    throw new AppError('SESSION_ENDED', 'This chat changed meanwhile; reload it');
  await markReportHours(trx, ctx, [sessionId]);
  if (agentId && record.row.status === 'active') {
    await removeOpenChat(trx, agentId, now);
    await markParticipantLeft(trx, sessionId, agentId, now);
    // Only an active chat can be on offer to another agent.
    await closePendingOffer(trx, ctx, outbox, sessionId);
    outbox.touchAgent(agentId);
    outbox.requestRouting();
  }
  const text =
    closing.line ??
    (closing.by === 'system' ? 'The chat was closed' : `${closing.actorName} ended the chat`);
  await writeMessage(trx, ctx, outbox, lastSeq - 1, {
    sessionId,
    sender: null,
    type: 'system',
    text,
  });
  return writeSessionUpdate(trx, ctx, outbox, lastSeq, sessionId, 'ended');
}
