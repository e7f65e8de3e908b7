// Chats of an agent who is gone go back to the queue: once an agent the system set away (their
// connection was lost, or they signed out of their last sign-in) has stayed gone for
// REQUEUE_AFTER_AWAY_SECONDS, each customer is told and keeps their place, and super admins
// are alerted live. Safe to run on several nodes at once: a chat moves only while it is still
// that agent's, so it goes back once.
import { topics } from '../../bus/bus.js';
import { shouldReturnChats, type AwayReason } from '../../domain/strandedChats.js';
import {
  agentsAwayWithChats,
  lockAgentPresence,
} from '../../storage/repositories/agentPresence.js';
import { findUserById } from '../../storage/repositories/users.js';
import { commit, type ServiceContext } from '../context.js';
import { FAN_OUT, iso, presentPerson } from '../presenters.js';
import { requeueChatsOf, type RequeuedChat, type RequeueNotice } from './chatRequeuer.js';

const NOTICES: Record<AwayReason, RequeueNotice> = {
  disconnected: (name, position) =>
    `${name} was disconnected; you are back in the queue, number ${position}`,
  signed_out: (name, position) =>
    `${name} signed out; you are back in the queue, number ${position}`,
};

export interface StrandedChats {
  agentId: string;
  reason: AwayReason;
  sessions: RequeuedChat[];
}

/** Puts back in the queue the chats of every agent gone past the delay; returns what moved. */
export async function requeueStrandedChats(ctx: ServiceContext): Promise<StrandedChats[]> {
  const delayMs = ctx.settings.requeueAfterAwayMs;
  if (delayMs <= 0) return [];
  const now = ctx.clock.now();
  const aliveSince = now - ctx.settings.nodeStaleMs;
  const candidates = await agentsAwayWithChats(ctx.store.db, { aliveSince });
  const moved: StrandedChats[] = [];
  for (const candidate of candidates) {
    if (!shouldReturnChats(candidate, now, delayMs)) continue;
    const done = await commit(ctx, async (trx, outbox) => {
      // Sessions before agents, the order every transaction locks them in.
      await ctx.store
        .forUpdate(
          trx
            .selectFrom('chat_sessions')
            .select('id')
            .where('assigned_agent_id', '=', candidate.agentId)
            .where('status', '=', 'active'),
        )
        .execute();
      // Read again under the lock: the agent may have come back, or chosen a status, meanwhile.
      const agent = await lockAgentPresence(trx, candidate.agentId, {
        aliveSince,
        lock: ctx.store,
      });
      if (!agent?.awayReason || !shouldReturnChats(agent, now, delayMs)) return null;
      const user = await findUserById(trx, agent.agentId);
      if (!user) return null;
      const reason = agent.awayReason;
      const sessions = await requeueChatsOf(trx, ctx, outbox, user, NOTICES[reason]);
      if (sessions.length === 0) return null;
      outbox.add(topics.monitor, {
        type: 'chats.requeued',
        agent: presentPerson(user, FAN_OUT),
        reason,
        sessions,
        at: iso(now),
      });
      return { agentId: agent.agentId, reason, sessions };
    });
    if (done) moved.push(done);
  }
  return moved;
}
