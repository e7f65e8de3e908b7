// The WebSocket protocol (version 1) spoken on /api/v1/ws, shared by the gateway and the browser.
// docs/protocol.md explains it in prose; this file is the source of truth for its shapes.
import { z } from 'zod';
import type { AgentState, Message, Person, QueuePosition, Session } from './api.js';
import { LIMITS, type SessionChange } from './vocabulary.js';

export const PROTOCOL_VERSION = 1;

/** WebSocket close codes the server uses; clients reconnect on all but AUTH_FAILED and POLICY. */
export const CLOSE_CODES = {
  /** The server is shutting down or restarting: reconnect (to another node) and resume. */
  RESTARTING: 1012,
  /** The session cookie or token is missing, expired or revoked; sign in again. */
  AUTH_FAILED: 4001,
  /** The client broke the protocol (bad frames, too many frames). */
  POLICY: 4008,
} as const;

// ---- client → server ----

const sessionId = z.string().min(1).max(64);
/** Optional request id echoed in the server's ack or error so a client can match replies. */
const ref = z.string().max(64).optional();

export const ClientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('subscribe'),
    ref,
    sessionId,
    afterSeq: z.number().int().min(0).default(0).describe('last seq the client has seen'),
  }),
  z.object({ type: z.literal('unsubscribe'), ref, sessionId }),
  z.object({
    type: z.literal('message.send'),
    ref,
    sessionId,
    clientId: z.string().min(1).max(LIMITS.clientId),
    text: z.string(),
  }),
  z.object({ type: z.literal('typing'), sessionId, typing: z.boolean() }),
  z.object({ type: z.literal('read'), ref, sessionId, upToSeq: z.number().int().min(0) }),
  z.object({ type: z.literal('ping'), ref }),
]);
export type ClientFrame = z.input<typeof ClientFrame>;

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
  | { type: 'unsubscribed'; ref?: string; sessionId: string }
  | { type: 'typing'; sessionId: string; user: Person; typing: boolean }
  | ({ type: 'queue.position' } & QueuePosition)
  /** The waiting queue changed (agents): refetch it through the API. */
  | { type: 'queue.changed'; sessionId: string; status: Session['status'] }
  | { type: 'agent.status'; state: AgentState }
  /** A session in one of the caller's lists changed: refetch it through the API. */
  | { type: 'sessions.changed'; sessionId: string; change: string }
  /** Frames may have been missed (the bus lost its link): refetch lists; session feeds resume by themselves. */
  | { type: 'refresh'; reason: string }
  | { type: 'ack'; ref?: string; clientId?: string; message?: Message; lastReadSeq?: number | null }
  | { type: 'error'; ref?: string; clientId?: string; error: { code: string; message: string } }
  | { type: 'pong'; ref?: string }
  /** The server is going away: reconnect after `retryMs`, resuming from the last seq seen. */
  | { type: 'bye'; reason: string; retryMs: number };
