// Which of a session's or a ticket's events a viewer may see: the one rule that keeps internal
// notes (and the typing that writes them) from the chat's customer and the ticket's requester.
// Every path out of the server asks it: the REST message lists (as SQL, from hiddenMessageTypes
// and hiddenTicketMessageKinds), and each socket for every frame of a followed session, replayed
// or live, and every ticket frame. Unread counts and read ticks leave notes out for everyone.
import type { ServerFrame } from '../shared/protocol.js';
import type { MessageType, TicketChange, TicketMessageKind } from '../shared/vocabulary.js';
import {
  sessionPolicy,
  ticketPolicy,
  type SessionFacts,
  type TicketFacts,
  type Viewer,
} from './policies.js';

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

/** Ticket messages only the desk sees. */
export const AGENT_ONLY_TICKET_MESSAGE_KINDS: readonly TicketMessageKind[] = ['note'];

/** Ticket changes only the desk hears of: its team and tags are the desk's business. */
export const AGENT_ONLY_TICKET_CHANGES: readonly TicketChange[] = ['team', 'tags'];

/** The ticket message kinds `viewer` may not see on `ticket` (for a query's `not in`). */
export function hiddenTicketMessageKinds(
  viewer: Viewer,
  ticket: TicketFacts,
): readonly TicketMessageKind[] {
  return ticketPolicy.readNotes(viewer, ticket) ? [] : AGENT_ONLY_TICKET_MESSAGE_KINDS;
}

/** Whether a ticket message of `kind` may reach `viewer`. */
export function ticketMessageVisibleTo(
  viewer: Viewer,
  ticket: TicketFacts,
  kind: TicketMessageKind,
): boolean {
  return !AGENT_ONLY_TICKET_MESSAGE_KINDS.includes(kind) || ticketPolicy.readNotes(viewer, ticket);
}

/**
 * A ticket frame as someone who may not read the ticket's notes (its requester) may have it, or
 * null when it is not theirs to hear: a note, an update that changed only the desk's details,
 * who of the desk has it open, or an SLA alert.
 * Frames of any other type pass unchanged.
 */
export function publicTicketFrame(frame: ServerFrame): ServerFrame | null {
  switch (frame.type) {
    case 'ticket.message':
      return AGENT_ONLY_TICKET_MESSAGE_KINDS.includes(frame.kind) ? null : frame;
    // Who of the desk has the ticket open, and where it stands against its SLA, are the desk's.
    case 'ticket.presence':
    case 'ticket.sla':
      return null;
    case 'ticket.updated': {
      const changes = frame.changes.filter((c) => !AGENT_ONLY_TICKET_CHANGES.includes(c));
      return changes.length > 0 ? { ...frame, changes } : null;
    }
    default:
      return frame;
  }
}

/** A ticket frame as `viewer` may have it (null: not at all), by the notes rule above. */
export function ticketFrameFor(
  viewer: Viewer,
  ticket: TicketFacts,
  frame: ServerFrame,
): ServerFrame | null {
  return ticketPolicy.readNotes(viewer, ticket) ? frame : publicTicketFrame(frame);
}
