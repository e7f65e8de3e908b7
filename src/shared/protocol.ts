// The WebSocket protocol (version 1) spoken on /api/v1/ws, shared by the gateway and the browser.
// docs/protocol.md explains it in prose; this file is the source of truth for its shapes.
import type { DashboardSnapshot } from './dashboard.js';
import type { AgentState, Message, Person, QueuePosition, Session } from './api.js';
import type { TransferOffer } from './transfersApi.js';
import type { SessionChange, TicketChange, TicketMessageKind } from './vocabulary.js';

export const PROTOCOL_VERSION = 1;

/**
 * A client that opens /api/v1/ws with this query parameter set to `1` hears the console's
 * changes (`queue.changed`, `agent.status`) as `console.changes` frames, several at once; others
 * hear them one frame each (docs/protocol.md, "Console changes").
 */
export const CONSOLE_BATCH_PARAM = 'consoleBatch';

/** Where an agent is on a ticket's page: there, writing on it, or gone. */
export type TicketPresenceState = 'viewing' | 'replying' | 'left';
/** A client says `ticket.watch` again this often while the page is open… */
export const TICKET_PRESENCE_REFRESH_MS = 20_000;
/** …and forgets a colleague it has not heard of for this long. */
export const TICKET_PRESENCE_TTL_MS = 50_000;

/** WebSocket close codes the server uses; clients reconnect (and resume) on all but AUTH_FAILED. */
export const CLOSE_CODES = {
  /** The server is restarting, or the person's role changed: reconnect (anywhere) and resume. */
  RESTARTING: 1012,
  /** The session cookie or token is missing, expired or revoked; sign in again. */
  AUTH_FAILED: 4001,
  /** The client fell too far behind reading its frames: reconnect and resume from the last seq. */
  POLICY: 4008,
  /**
   * The sign-in already holds as many sockets as it may (other tabs): reconnect no sooner than
   * the `retryAfterSeconds` of the `error` frame sent before the close.
   */
  TOO_MANY_SOCKETS: 4029,
} as const;

// ---- client → server ----

// The schema lives in clientFrames.ts so that this module stays free of zod: the browser
// imports its values (close codes, version) without bundling a validator it does not need.
export type { ClientFrame } from './clientFrames.js';

// ---- server → client ----

/** A durable change to one session; its seq orders it within the session and lets clients resume. */
export type SessionEvent =
  | { kind: 'message.created'; message: Message }
  | { kind: 'session.updated'; change: SessionChange; session: Session }
  | { kind: 'messages.read'; reader: Person; upToSeq: number; readAt: string };

export type ServerFrame =
  | {
      type: 'hello';
      protocol: typeof PROTOCOL_VERSION;
      connectionId: string;
      heartbeatMs: number;
      user: Person;
    }
  | { type: 'session.event'; sessionId: string; seq: number; event: SessionEvent }
  /** Sent after a subscribe once every missed event has been replayed; live events follow. */
  | { type: 'subscribed'; ref?: string; sessionId: string; seq: number }
  /**
   * The connection stopped following a session: at the client's request (with its `ref`), or,
   * with `reason: 'NOT_FOUND'`, because the viewer may no longer see it (a colleague took it).
   */
  | { type: 'unsubscribed'; ref?: string; sessionId: string; reason?: 'NOT_FOUND' }
  /** `note`: they are writing an internal note (only agents get these). */
  | { type: 'typing'; sessionId: string; user: Person; typing: boolean; note?: boolean }
  /**
   * Agents: a colleague named you with `@` in an internal note; the mention lets you open the
   * chat (GET /api/v1/sessions/:id, subscribe) from now on, even if you are not in it.
   */
  | {
      type: 'note.mentioned';
      sessionId: string;
      subject: string;
      customer: Person;
      message: Message;
    }
  /**
   * Agents: a transfer offer that concerns you was made (`status: 'pending'`: the receiver
   * accepts or declines before `expiresAt`) or ended (any other status). The receiver, the
   * chat's agent and whoever made it each get it on their own topic.
   */
  | { type: 'transfer.offer'; offer: TransferOffer }
  | ({ type: 'queue.position' } & QueuePosition)
  /** The waiting queue changed (agents): refetch it through the API. */
  | { type: 'queue.changed'; sessionId: string; status: Session['status'] }
  | { type: 'agent.status'; state: AgentState }
  /**
   * Agents whose socket asked for it (CONSOLE_BATCH_PARAM): the queue changes and agent states
   * of one short window in one frame, each agent's latest state once, the queue changes in order.
   * The same as the `queue.changed` and `agent.status` frames they stand for.
   */
  | {
      type: 'console.changes';
      queue: Array<{ sessionId: string; status: Session['status'] }>;
      agents: AgentState[];
    }
  /**
   * A session changed: refetch the lists that show it through the API. `scope` says which:
   * 'mine' for the caller's own lists (their chats, their queue), 'all' for a super admin's
   * view of every session.
   */
  | { type: 'sessions.changed'; scope: 'mine' | 'all'; sessionId: string; change: string }
  /**
   * Super admins: an agent the system set away (connection lost, or signed out) stayed gone,
   * and their chats went back to the queue, each at its place.
   */
  | {
      type: 'chats.requeued';
      agent: Person;
      reason: 'disconnected' | 'signed_out';
      sessions: Array<{ sessionId: string; position: number }>;
      at: string;
    }
  /**
   * Ticket invalidations (agents: every ticket; a requester: their own): refetch the lists and
   * the open ticket through the API, which applies permissions. They carry no content.
   */
  | { type: 'ticket.created'; ticketId: string; number: number; updatedAt: string }
  | {
      type: 'ticket.updated';
      ticketId: string;
      number: number;
      changes: TicketChange[];
      updatedAt: string;
    }
  /** A reply or (agents only) a note was added; `ticketId` is where it was stored. */
  | {
      type: 'ticket.message';
      ticketId: string;
      number: number;
      messageId: string;
      kind: TicketMessageKind;
      createdAt: string;
    }
  /**
   * The ticket's feed is open (`ticket.subscribe`): its own `ticket.updated` and `ticket.message`
   * frames follow, as the viewer may have them (a requester hears of no note).
   */
  | { type: 'ticket.subscribed'; ref?: string; ticketId: string }
  /**
   * The feed of a ticket closed: at the client's request (with its `ref`), or, with
   * `reason: 'NOT_FOUND'`, because the viewer may no longer see the ticket (it went to another team).
   */
  | { type: 'ticket.unsubscribed'; ref?: string; ticketId: string; reason?: 'NOT_FOUND' }
  /**
   * Agents who have a ticket open (`ticket.watch`): a colleague opened it, is writing on it, or
   * left it. `hello` asks those already there to say so, for the newcomer. A client forgets a
   * colleague it has not heard of for TICKET_PRESENCE_TTL_MS (a node that died says nothing).
   */
  | {
      type: 'ticket.presence';
      ticketId: string;
      user: Person;
      state: TicketPresenceState;
      hello?: boolean;
    }
  /**
   * An SLA target of a ticket is at risk (`warning`) or missed (`breach`): to its assignee and
   * the leads of its team, never to its requester. Once per ticket, target and due time.
   */
  | {
      type: 'ticket.sla';
      ticketId: string;
      number: number;
      target: 'first_response' | 'next_response' | 'resolution';
      alert: 'warning' | 'breach';
      dueAt: string;
    }
  /**
   * Super admins and team leads who sent `dashboard.watch`: the live dashboard of their scope,
   * first in reply (with the watch's `ref`), then whenever it changed, at most once a second.
   */
  | { type: 'dashboard.snapshot'; ref?: string; snapshot: DashboardSnapshot }
  /** Frames may have been missed (the bus lost its link): refetch lists; session feeds resume by themselves. */
  | { type: 'refresh'; reason: string }
  | { type: 'ack'; ref?: string; clientId?: string; message?: Message; lastReadSeq?: number | null }
  | {
      type: 'error';
      ref?: string;
      clientId?: string;
      /** `retryAfterSeconds` comes with RATE_LIMITED: when trying again makes sense. */
      error: { code: string; message: string; retryAfterSeconds?: number };
    }
  | { type: 'pong'; ref?: string }
  /** The server is going away: reconnect after `retryMs`, resuming from the last seq seen. */
  | { type: 'bye'; reason: string; retryMs: number };
