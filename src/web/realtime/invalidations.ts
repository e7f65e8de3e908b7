// Which invalidation frames make a list stale. Lists are never patched from frames: each names
// what it shows (the caller's own sessions, every session, the queue, agents' loads) and is
// refetched through the API when a frame says that changed.
import type { ServerFrame } from '../../shared/protocol.js';
import type { SessionChange } from '../../shared/vocabulary.js';

type SessionsChanged = Extract<ServerFrame, { type: 'sessions.changed' }>;

export type Invalidation =
  | {
      type: 'sessions.changed';
      scope: SessionsChanged['scope'];
      /** Only these kinds of change (all when absent). */
      changes?: readonly SessionChange[];
    }
  | { type: 'queue.changed' }
  | { type: 'agent.status' }
  | {
      type: 'tickets';
      ticketId?: string;
      /** Messages already shown: their `ticket.message` changes nothing (deduped by id). */
      shownMessageIds?: ReadonlySet<string>;
    };

/** The caller's own chats changed: their console lists, their chat and history, their numbers. */
export const MY_SESSIONS = { type: 'sessions.changed', scope: 'mine' } as const;
/** Any chat changed (super admins only receive these). */
export const ALL_SESSIONS = { type: 'sessions.changed', scope: 'all' } as const;
/** A chat entered or left the waiting queue (agents and super admins). */
export const QUEUE = { type: 'queue.changed' } as const;

/**
 * An agent's status, connection or load changed (agents and super admins). Every assignment,
 * transfer, ending and requeue of a chat changes its agents' load, so a list of other agents'
 * chats (a team lead's board) follows these.
 */
export const AGENT_LOADS = { type: 'agent.status' } as const;

/** A ticket was filed, changed or answered (agents: any ticket; a requester: their own). */
export const TICKETS = { type: 'tickets' } as const;
/**
 * One ticket changed or got a message (its own frames, not its follow-up's) other than one in
 * `shownMessageIds` (one's own sent reply, a frame heard on both the list topic and the feed).
 */
export const ticket = (ticketId: string, shownMessageIds?: ReadonlySet<string>): Invalidation => ({
  type: 'tickets',
  ticketId,
  ...(shownMessageIds ? { shownMessageIds } : {}),
});

const TICKET_FRAMES: readonly string[] = ['ticket.created', 'ticket.updated', 'ticket.message'];

export function invalidates(source: Invalidation, frame: ServerFrame): boolean {
  if (source.type === 'tickets') {
    if (frame.type === 'ticket.message' && source.shownMessageIds?.has(frame.messageId))
      return false;
    return (
      TICKET_FRAMES.includes(frame.type) &&
      (source.ticketId === undefined || ('ticketId' in frame && frame.ticketId === source.ticketId))
    );
  }
  if (source.type === 'queue.changed') return frame.type === 'queue.changed';
  if (source.type === 'agent.status') return frame.type === 'agent.status';
  return (
    frame.type === 'sessions.changed' &&
    frame.scope === source.scope &&
    (source.changes === undefined || (source.changes as readonly string[]).includes(frame.change))
  );
}
