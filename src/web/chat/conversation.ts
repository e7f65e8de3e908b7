// One conversation as the screen holds it: the session, its messages in seq order (each exactly
// once), how far each side has read, and what this person sent that is still on its way. Pure:
// every change is an action, so replays, acks and resends are tested without a socket.
import type { Message, Session } from '../../shared/api.js';
import type { SessionEvent } from '../../shared/protocol.js';
import { awaitingAgentSince } from './awaitingReply.js';
import {
  enqueue,
  markFailed,
  markForRetry,
  settle,
  type Outbox,
  type PendingMessage,
  type SendFailure,
} from './outbox.js';

/** Highest seq read by the customer, and by the agents (the desk side). */
export interface ReadPositions {
  customer: number;
  desk: number;
}

export interface ConversationState {
  viewerId: string;
  session: Session | null;
  /** Ascending seq, unique by id. */
  messages: readonly Message[];
  /** Highest event seq applied: where the feed resumes after a reconnect. */
  lastSeq: number;
  read: ReadPositions;
  /** How far the viewer has read, for unread counts. */
  ownReadSeq: number;
  outbox: Outbox;
  /** Older messages exist than the ones loaded. */
  hasEarlier: boolean;
}

export type ConversationAction =
  | {
      type: 'loaded';
      session: Session;
      /** The viewer's unread count when the session was read (from the list API). */
      unreadCount: number;
      messages: readonly Message[];
      hasEarlier: boolean;
    }
  | { type: 'earlierLoaded'; messages: readonly Message[]; hasEarlier: boolean }
  | { type: 'event'; seq: number; event: SessionEvent }
  | { type: 'queued'; message: PendingMessage }
  | { type: 'acknowledged'; message: Message }
  | { type: 'sendFailed'; clientId: string; failure: SendFailure }
  | { type: 'retried'; clientId: string }
  | { type: 'discarded'; clientId: string }
  | { type: 'readSent'; upToSeq: number };

export function initialConversation(viewerId: string, outbox: Outbox = []): ConversationState {
  return {
    viewerId,
    session: null,
    messages: [],
    lastSeq: 0,
    read: { customer: 0, desk: 0 },
    ownReadSeq: 0,
    outbox,
    hasEarlier: false,
  };
}

/** Adds messages not seen yet (by id), keeping seq order. */
function mergeMessages(
  existing: readonly Message[],
  incoming: readonly Message[],
): readonly Message[] {
  const known = new Set(existing.map((m) => m.id));
  const fresh = incoming.filter((m) => !known.has(m.id));
  if (fresh.length === 0) return existing;
  return [...existing, ...fresh].sort((a, b) => a.seq - b.seq);
}

export const isFromOtherSide = (message: Message, viewerId: string) =>
  message.type !== 'system' && message.sender !== null && message.sender.id !== viewerId;

/**
 * Where the viewer's read position must be for the list's unread count to hold: just before the
 * oldest of the last `unreadCount` messages from the other side.
 */
function readPositionFromUnread(
  messages: readonly Message[],
  viewerId: string,
  unreadCount: number,
  lastSeq: number,
): number {
  if (unreadCount <= 0) return lastSeq;
  const theirs = messages.filter((m) => isFromOtherSide(m, viewerId));
  const oldestUnread = theirs[theirs.length - unreadCount] ?? theirs[0];
  return oldestUnread ? oldestUnread.seq - 1 : 0;
}

/** The message the viewer sent arrived stored: its pending bubble gives way to it. */
function withStored(state: ConversationState, message: Message): ConversationState {
  const outbox =
    message.clientId && message.sender?.id === state.viewerId
      ? settle(state.outbox, message.clientId)
      : state.outbox;
  return { ...state, messages: mergeMessages(state.messages, [message]), outbox };
}

function applyEvent(state: ConversationState, event: SessionEvent): ConversationState {
  switch (event.kind) {
    case 'message.created':
      return withStored(state, event.message);
    case 'session.updated':
      return { ...state, session: event.session };
    case 'messages.read': {
      const side = event.reader.id === state.session?.customer.id ? 'customer' : 'desk';
      return {
        ...state,
        read: { ...state.read, [side]: Math.max(state.read[side], event.upToSeq) },
        ownReadSeq:
          event.reader.id === state.viewerId
            ? Math.max(state.ownReadSeq, event.upToSeq)
            : state.ownReadSeq,
      };
    }
    default:
      // A kind this version does not know yet (the protocol may add some): only the seq moves.
      return state;
  }
}

export function conversationReducer(
  state: ConversationState,
  action: ConversationAction,
): ConversationState {
  switch (action.type) {
    case 'loaded': {
      const messages = mergeMessages(state.messages, action.messages);
      const lastSeq = Math.max(state.lastSeq, action.session.lastSeq);
      return {
        ...state,
        session: action.session,
        messages,
        lastSeq,
        hasEarlier: action.hasEarlier,
        ownReadSeq: Math.max(
          state.ownReadSeq,
          readPositionFromUnread(messages, state.viewerId, action.unreadCount, lastSeq),
        ),
        // Stored messages the viewer sent before a reload may still sit in a saved outbox.
        outbox: action.messages.reduce(
          (outbox, m) =>
            m.clientId && m.sender?.id === state.viewerId ? settle(outbox, m.clientId) : outbox,
          state.outbox,
        ),
      };
    }
    case 'earlierLoaded':
      return {
        ...state,
        messages: mergeMessages(state.messages, action.messages),
        hasEarlier: action.hasEarlier,
      };
    case 'event':
      // Replays and live events can overlap around a reconnect: apply each seq once.
      if (action.seq <= state.lastSeq) return state;
      return { ...applyEvent(state, action.event), lastSeq: action.seq };
    case 'queued':
      return { ...state, outbox: enqueue(state.outbox, action.message) };
    case 'acknowledged':
      return withStored(state, action.message);
    case 'sendFailed':
      return { ...state, outbox: markFailed(state.outbox, action.clientId, action.failure) };
    case 'retried':
      return { ...state, outbox: markForRetry(state.outbox, action.clientId) };
    case 'discarded':
      return { ...state, outbox: settle(state.outbox, action.clientId) };
    case 'readSent':
      return { ...state, ownReadSeq: Math.max(state.ownReadSeq, action.upToSeq) };
  }
}

/** Messages from the other side the viewer has not read yet. */
export function unreadCount(state: ConversationState): number {
  return state.messages.filter(
    (m) => isFromOtherSide(m, state.viewerId) && m.seq > state.ownReadSeq,
  ).length;
}

/** The newest seq worth a read receipt: the last message from the other side, if unread. */
export function readReceiptSeq(state: ConversationState): number | null {
  const last = [...state.messages].reverse().find((m) => isFromOtherSide(m, state.viewerId));
  return last && last.seq > state.ownReadSeq ? last.seq : null;
}

/** True when the other side of the conversation has read `message`. */
export function isReadByOtherSide(state: ConversationState, message: Message): boolean {
  if (message.isRead) return true;
  const fromCustomer = message.sender?.id === state.session?.customer.id;
  return message.seq <= (fromCustomer ? state.read.desk : state.read.customer);
}

/** The time of the latest message, or when the session started. */
export function lastActivityAt(state: ConversationState): string | null {
  return state.messages.at(-1)?.createdAt ?? state.session?.lastMessageAt ?? null;
}

/** What a list row shows of a followed chat. */
export interface ChatActivity {
  unread: number;
  lastActivityAt: string | null;
  /** Since when the customer has waited for the agent's reply (awaitingReply.ts). */
  awaitingAgentSince: string | null;
}

/** Null until the conversation is loaded: an empty one's zero must not hide the list's count. */
export function chatActivity(state: ConversationState): ChatActivity | null {
  if (state.session === null) return null;
  return {
    unread: unreadCount(state),
    lastActivityAt: lastActivityAt(state),
    awaitingAgentSince: awaitingAgentSince(state),
  };
}
