import { describe, expect, it } from 'vitest';
import type { Message, Person, Session } from '../../shared/api.js';
import {
  conversationReducer,
  initialConversation,
  isReadByOtherSide,
  readReceiptSeq,
  unreadCount,
  type ConversationAction,
  type ConversationState,
} from './conversation.js';

const yaw: Person = { id: 'yaw', name: 'Yaw', email: 'yaw@example.com', role: 'user' };
const ama: Person = { id: 'ama', name: 'Ama', email: 'ama@example.com', role: 'admin' };

const session = (lastSeq: number): Session => ({
  id: 's1',
  status: 'active',
  priority: 'medium',
  subject: 'Cannot sign in',
  customer: yaw,
  agent: ama,
  rating: null,
  feedback: null,
  tags: [],
  startedAt: '2026-01-01T09:00:00Z',
  assignedAt: '2026-01-01T09:01:00Z',
  firstAgentReplyAt: null,
  endedAt: null,
  endedBy: null,
  lastMessageAt: null,
  lastSeq,
});

const message = (seq: number, sender: Person | null, extra: Partial<Message> = {}): Message => ({
  id: `m${seq}`,
  sessionId: 's1',
  seq,
  type: sender ? 'text' : 'system',
  text: `message ${seq}`,
  sender,
  clientId: null,
  createdAt: `2026-01-01T09:00:${String(seq).padStart(2, '0')}Z`,
  isRead: false,
  ...extra,
});

const created = (m: Message): ConversationAction => ({
  type: 'event',
  seq: m.seq,
  event: { kind: 'message.created', message: m },
});

const run = (state: ConversationState, ...actions: ConversationAction[]) =>
  actions.reduce(conversationReducer, state);

const loaded = (viewer: Person, messages: Message[], unread = 0) =>
  run(initialConversation(viewer.id), {
    type: 'loaded',
    session: session(messages.at(-1)?.seq ?? 0),
    unreadCount: unread,
    messages,
    hasEarlier: false,
  });

describe('conversationReducer', () => {
  it('shows each message once however often it arrives', () => {
    const state = run(
      loaded(yaw, [message(1, yaw)]),
      created(message(2, ama)),
      created(message(2, ama)),
      { type: 'acknowledged', message: message(2, ama) },
    );
    expect(state.messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(state.lastSeq).toBe(2);
  });

  it('ignores events at or before the seq it resumed from', () => {
    const state = run(loaded(yaw, [message(1, yaw), message(2, ama)]), {
      type: 'event',
      seq: 2,
      event: {
        kind: 'session.updated',
        change: 'ended',
        session: { ...session(2), status: 'ended' },
      },
    });
    expect(state.session?.status).toBe('active');
  });

  it('replaces a pending bubble with the stored message, by clientId', () => {
    const pending = { clientId: 'c1', text: 'Hello?', queuedAt: '', failure: null };
    let state = run(loaded(yaw, [message(1, yaw)]), { type: 'queued', message: pending });
    expect(state.outbox).toHaveLength(1);
    state = run(state, created(message(2, yaw, { clientId: 'c1', text: 'Hello?' })));
    expect(state.outbox).toHaveLength(0);
    expect(state.messages).toHaveLength(2);
  });

  it('settles a pending message on the ack without moving the resume point', () => {
    const pending = { clientId: 'c1', text: 'Hi', queuedAt: '', failure: null };
    const state = run(
      loaded(yaw, [message(1, yaw)]),
      { type: 'queued', message: pending },
      { type: 'acknowledged', message: message(3, yaw, { clientId: 'c1' }) },
    );
    expect(state.outbox).toHaveLength(0);
    expect(state.lastSeq).toBe(1);
  });

  it('drops messages that a saved outbox still holds but the server already stored', () => {
    const pending = { clientId: 'c1', text: 'Hi', queuedAt: '', failure: null };
    const state = conversationReducer(initialConversation('yaw', [pending]), {
      type: 'loaded',
      session: session(1),
      unreadCount: 0,
      messages: [message(1, yaw, { clientId: 'c1' })],
      hasEarlier: false,
    });
    expect(state.outbox).toEqual([]);
  });

  it('keeps a refused message until retried or discarded', () => {
    const pending = { clientId: 'c1', text: 'Hi', queuedAt: '', failure: null };
    let state = run(
      loaded(yaw, []),
      { type: 'queued', message: pending },
      { type: 'sendFailed', clientId: 'c1', failure: { code: 'SESSION_ENDED', message: 'ended' } },
    );
    expect(state.outbox[0]?.failure?.code).toBe('SESSION_ENDED');
    state = run(state, { type: 'discarded', clientId: 'c1' });
    expect(state.outbox).toEqual([]);
  });
});

describe('read ticks and unread counts', () => {
  it("ticks the agent's messages read when the customer reads up to them", () => {
    const state = run(loaded(ama, [message(1, yaw), message(2, ama), message(3, ama)]), {
      type: 'event',
      seq: 4,
      event: { kind: 'messages.read', reader: yaw, upToSeq: 2, readAt: '' },
    });
    expect(isReadByOtherSide(state, state.messages[1]!)).toBe(true);
    expect(isReadByOtherSide(state, state.messages[2]!)).toBe(false);
  });

  it("ticks the customer's messages read when an agent reads them", () => {
    const state = run(loaded(yaw, [message(1, yaw)]), {
      type: 'event',
      seq: 2,
      event: { kind: 'messages.read', reader: ama, upToSeq: 1, readAt: '' },
    });
    expect(isReadByOtherSide(state, state.messages[0]!)).toBe(true);
  });

  it('counts unread messages from the other side, not system messages or own', () => {
    let state = loaded(
      ama,
      [message(1, yaw), message(2, null), message(3, ama), message(4, yaw)],
      2,
    );
    expect(unreadCount(state)).toBe(2);
    expect(readReceiptSeq(state)).toBe(4);
    state = run(state, created(message(5, yaw)));
    expect(unreadCount(state)).toBe(3);
    state = run(state, { type: 'readSent', upToSeq: 5 });
    expect(unreadCount(state)).toBe(0);
    expect(readReceiptSeq(state)).toBeNull();
  });

  it('learns that the viewer read elsewhere (another tab) from their own receipt', () => {
    const state = run(loaded(ama, [message(1, yaw)], 1), {
      type: 'event',
      seq: 2,
      event: { kind: 'messages.read', reader: ama, upToSeq: 1, readAt: '' },
    });
    expect(unreadCount(state)).toBe(0);
  });
});
