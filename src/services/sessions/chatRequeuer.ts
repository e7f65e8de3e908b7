// Puts an agent's open chats back in the queue when the agent can no longer serve them
// (account disabled, no longer an agent, or gone too long), and one chat when it is transferred
// to a team. The customers keep their place: the row keeps its start time and priority, which
// are what the queue is ordered by.
import { removeOpenChat } from '../../storage/repositories/agents.js';
import { markParticipantLeft } from '../../storage/repositories/sessions/sessionParticipants.js';
import { queuePositions } from '../../storage/repositories/sessions/sessionLists.js';
import {
  updateSessionIf,
  type SessionChanges,
} from '../../storage/repositories/sessions/sessionRecords.js';
import type { Db } from '../../storage/store.js';
import type { Outbox, ServiceContext } from '../context.js';
import { markReportHours } from '../reports/reportMarks.js';
import { closePendingOffer } from '../transfers/offerClosing.js';
import { appendSessionUpdate, appendSystemMessage } from './sessionEvents.js';

export interface RequeuedChat {
  sessionId: string;
  /** The chat's 1-based place in the queue once back. */
  position: number;
}

/** The system line the customer reads, given the agent's name and the chat's new place. */
export type RequeueNotice = (agentName: string, position: number) => string;

const noLongerAvailable: RequeueNotice = (name) =>
  `${name} is no longer available; the chat is back in the queue for the next agent`;

export async function requeueChatsOf(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  agent: { id: string; name: string },
  notice: RequeueNotice = noLongerAvailable,
): Promise<RequeuedChat[]> {
  const open = await ctx.store
    .forUpdate(
      trx
        .selectFrom('chat_sessions')
        .select('id')
        .where('assigned_agent_id', '=', agent.id)
        .where('status', '=', 'active'),
    )
    .execute();
  const moved: string[] = [];
  for (const { id } of open) {
    if (!(await putBackInQueue(trx, ctx, outbox, id, agent.id))) continue;
    moved.push(id);
  }
  // Places are told once every chat is back, so each customer hears where they now stand.
  const positions = moved.length > 0 ? await queuePositions(trx) : new Map<string, number>();
  const requeued: RequeuedChat[] = [];
  for (const id of moved) {
    const position = positions.get(id) ?? 1;
    await appendSystemMessage(trx, ctx, outbox, id, notice(agent.name, position));
    await appendSessionUpdate(trx, ctx, outbox, id, 'requeued', [agent.id]);
    requeued.push({ sessionId: id, position });
  }
  return requeued;
}

/**
 * Puts one active chat of `agentId` back in the queue in its place, with `changes` to its row (a
 * transfer names its new team), freeing the agent's slot; its pending transfer offer, if any, is
 * withdrawn. False, changing nothing, when the chat is no longer that agent's. The caller writes
 * the lines that say so and the session update.
 */
export async function putBackInQueue(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  sessionId: string,
  agentId: string,
  changes: SessionChanges = {},
): Promise<boolean> {
  const now = ctx.clock.now();
  const back = await updateSessionIf(
    trx,
    sessionId,
    { status: 'active', agentId },
    {
      ...changes,
      status: 'waiting',
      assigned_agent_id: null,
      assigned_at: null,
      // First response is measured per assignment: the next agent's clock starts afresh.
      first_agent_reply_at: null,
      updated_at: now,
    },
  );
  if (!back) return false;
  await removeOpenChat(trx, agentId, now);
  await markParticipantLeft(trx, sessionId, agentId, now);
  await closePendingOffer(trx, ctx, outbox, sessionId);
  await markReportHours(trx, ctx, [sessionId]);
  outbox.touchAgent(agentId);
  outbox.requestRouting();
  return true;
}
