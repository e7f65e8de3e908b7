// Which of a session's events a viewer may see: the one rule that keeps internal notes (and the
// typing that writes them) from the chat's customer. Every path out of the server asks it: the
// REST message list (as SQL, from hiddenMessageTypes), and each socket for every frame of a
// followed session, replayed or live. Unread counts and read ticks leave notes out for everyone.
import type { ServerFrame } from '../shared/protocol.js';
import type { MessageType } from '../shared/vocabulary.js';
import { sessionPolicy, type SessionFacts, type Viewer } from './policies.js';

/** Messages only the desk sees. */
export const AGENT_ONLY_MESSAGE_TYPES: readonly MessageType[] = ['note'];

const agentOnly = (type: MessageType) => AGENT_ONLY_MESSAGE_TYPES.includes(type);

/** The message types `viewer` may not see in `session` (for a query's `not in`). */
export function hiddenMessageTypes(viewer: Viewer, session: SessionFacts): readonly MessageType[] {
  return sessionPolicy.readNotes(viewer, session) ? [] : AGENT_ONLY_MESSAGE_TYPES;
}

/** Whether a message of `type` in `session` may reach `viewer`. */
export function messageVisibleTo(
  viewer: Viewer,
  session: SessionFacts,
  type: MessageType,
): boolean {
  return !agentOnly(type) || sessionPolicy.readNotes(viewer, session);
}

/**
 * Whether a frame of `session` may reach `viewer`. Frames the rule hides still move the
 * session's seq (the client sees a gap, which the protocol allows), so the feed keeps its order.
 */
export function frameVisibleTo(viewer: Viewer, session: SessionFacts, frame: ServerFrame): boolean {
  switch (frame.type) {
    case 'session.event':
      return (
        frame.event.kind !== 'message.created' ||
        messageVisibleTo(viewer, session, frame.event.message.type)
      );
    case 'typing':
      return !frame.note || sessionPolicy.readNotes(viewer, session);
    default:
      return true;
  }
}
