// A chat that waits too long for the agent's reply is pointed out in the agent's Active list and
// the super admin's All chats ("Waiting for reply 3 min"). The wait runs from the customer's
// oldest message the agent has not answered yet; REPLY_OVERDUE_SECONDS (GET /agents/settings)
// says when it is too long.
import type { Session } from '../../shared/api.js';
import { formatDuration } from '../format/time.js';
import type { ConversationState } from './conversation.js';

/**
 * Since when the customer has waited for the agent, from the messages on screen: the oldest
 * customer message after the last one from the desk. When none from the desk is loaded and
 * older messages exist, the session's own value (as loaded) still holds.
 */
export function awaitingAgentSince(state: ConversationState): string | null {
  const customerId = state.session?.customer.id;
  let since: string | null = null;
  for (let i = state.messages.length - 1; i >= 0; i--) {
    const message = state.messages[i]!;
    if (message.type === 'system' || message.sender === null) continue;
    if (message.sender.id !== customerId) return since;
    since = message.createdAt;
  }
  return state.hasEarlier ? (state.session?.awaitingAgentSince ?? since) : since;
}

/** The label of an active chat whose customer has waited at least `thresholdMs`, else null. */
export function overdueReplyLabel(
  session: Pick<Session, 'status'>,
  awaitingSince: string | null,
  thresholdMs: number | null,
  now: number,
): string | null {
  if (session.status !== 'active' || awaitingSince === null || thresholdMs === null) return null;
  const waitedMs = now - Date.parse(awaitingSince);
  if (waitedMs < thresholdMs) return null;
  return `Waiting for reply ${formatDuration(waitedMs / 1000)}`;
}
