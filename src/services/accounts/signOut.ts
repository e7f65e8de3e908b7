// Signing out: the sign-in ends and its sockets close on every node. An agent who leaves their
// last sign-in while online or busy is set away at once, so no chat is routed to someone who
// left; their open chats stay theirs for REQUEUE_AFTER_AWAY_SECONDS, then go back to the queue.
import { isAgent, type Viewer } from '../../domain/policies.js';
import { recordStatusChange } from '../../storage/repositories/reports/agentTime.js';
import { commit, type ServiceContext } from '../context.js';
import { revokeAuthSession } from './authSessions.js';

export async function signOut(
  ctx: ServiceContext,
  secret: string,
  viewer: Viewer | null,
): Promise<void> {
  await revokeAuthSession(ctx, secret);
  if (viewer && isAgent(viewer)) await setAwayIfNoSignInLeft(ctx, viewer.id);
}

async function setAwayIfNoSignInLeft(ctx: ServiceContext, agentId: string): Promise<void> {
  const now = ctx.clock.now();
  await commit(ctx, async (trx, outbox) => {
    const result = await trx
      .updateTable('chat_agent_status')
      .set({ status: 'away', away_reason: 'signed_out', status_changed_at: now, updated_at: now })
      .where('agent_id', '=', agentId)
      .where('status', 'in', ['online', 'busy'])
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('auth_sessions')
              .select('auth_sessions.id')
              .where('auth_sessions.user_id', '=', agentId)
              .where('auth_sessions.expires_at', '>', now),
          ),
        ),
      )
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) {
      await recordStatusChange(trx, agentId, now);
      outbox.touchAgent(agentId);
    }
  });
}
