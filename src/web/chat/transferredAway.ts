// Whether a chat now with another agent was moved away from the viewer, told from what loading
// it returns, so the "Transferred" mark on its tab survives a reload (the live mark comes from
// the 'transferred' update, which a reload does not replay).
import type { Message, Person, Session } from '../../shared/api.js';

/**
 * An agent who is not a super admin sees a chat someone else has only as one of its past agents
 * (the server's view policy), so it was moved away from them, unless they lead the chat's team
 * (`monitors`). A super admin sees every chat, and a lead every chat of their team, so for them
 * it takes a trace of having been its agent: a message of theirs (only the chat's agent writes in
 * it besides the customer; notes do not count).
 */
export function transferredAwayFrom(
  session: Session,
  messages: readonly Message[],
  viewer: Person,
  monitors = false,
): boolean {
  if (session.status !== 'active' || !session.agent || session.agent.id === viewer.id) return false;
  if (session.customer.id === viewer.id) return false;
  if (viewer.role === 'admin' && !monitors) return true;
  return (
    (viewer.role === 'super_admin' || monitors) &&
    messages.some((m) => m.sender?.id === viewer.id && m.type !== 'note')
  );
}
