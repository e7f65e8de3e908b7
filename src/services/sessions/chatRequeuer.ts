// Puts an agent's open chats back in the queue when the agent can no longer serve them
// (account disabled, no longer an agent, or gone too long). The customers keep their place:
// the row keeps its start time and priority, which are what the queue is ordered by.
import { removeOpenChat } from '../../storage/repositories/agents.js';
import {
  markParticipantLeft,
  queuePositions,
  updateSessionIf,
} from '../../storage/repositories/sessions.js';
import type { Db } from '../../storage/store.js';
import type { Outbox, ServiceContext } from '../context.js';
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
  const now = ctx.clock.now();
  const moved: string[] = [];
  for (const { id } of open) {
    const back = await updateSessionIf(
      trx,
      id,
      { status: 'active', agentId: agent.id },
      {
        status: 'waiting',
        assigned_agent_id: null,
        assigned_at: null,
        // First response is measured per assignment: the next agent's clock starts afresh.
        first_agent_reply_at: null,
        updated_at: now,
      },
    );
    if (!back) continue;
    await removeOpenChat(trx, agent.id, now);
    await markParticipantLeft(trx, id, agent.id, now);
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
  if (open.length > 0) {
    outbox.touchAgent(agent.id);
    outbox.requestRouting();
  }
  return requeued;
}
