// Puts an agent's open chats back in the queue when the agent can no longer serve them
// (account disabled, or no longer an agent). The customers keep their place by start time.
import { removeOpenChat } from '../../storage/repositories/agents.js';
import { markParticipantLeft, updateSessionIf } from '../../storage/repositories/sessions.js';
import type { Db } from '../../storage/store.js';
import type { Outbox, ServiceContext } from '../context.js';
import { appendSessionUpdate, appendSystemMessage } from './sessionEvents.js';

export async function requeueChatsOf(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  agent: { id: string; name: string },
): Promise<number> {
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
  for (const { id } of open) {
    const moved = await updateSessionIf(
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
    if (!moved) continue;
    await removeOpenChat(trx, agent.id, now);
    await markParticipantLeft(trx, id, agent.id, now);
    await appendSystemMessage(
      trx,
      ctx,
      outbox,
      id,
      `${agent.name} is no longer available; the chat is back in the queue for the next agent`,
    );
    await appendSessionUpdate(trx, ctx, outbox, id, 'requeued', [agent.id]);
  }
  if (open.length > 0) {
    outbox.touchAgent(agent.id);
    outbox.requestRouting();
  }
  return open.length;
}
