import { describe, expect, it } from 'vitest';
import type { Message, Person } from '../../shared/api.js';
import { activeSession, ama, chatMessage, yaw } from '../testing/chatFixtures.js';
import {
  chatActivity,
  conversationReducer,
  initialConversation,
  isReadByOtherSide,
  readReceiptSeq,
  unreadCount,
  type ConversationAction,
  type ConversationState,
} from './conversation.js';

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
    session: activeSession({ lastSeq: messages.at(-1)?.seq ?? 0 }),
    unreadCount: unread,
    messages,
    hasEarlier: false,
  });

describe('conversationReducer', () => {
  it('shows each message once however often it arrives', () => {
    const state = run(
      loaded(yaw, [chatMessage(1, yaw)]),
      created(chatMessage(2, ama)),
      created(chatMessage(2, ama)),
      { type: 'acknowledged', message: chatMessage(2, ama) },
    );
    expect(state.messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(state.lastSeq).toBe(2);
  });

  it('ignores events at or before the seq it resumed from', () => {
    const state = run(loaded(yaw, [chatMessage(1, yaw), chatMessage(2, ama)]), {
      type: 'event',
      seq: 2,
      event: {
        kind: 'session.updated',
        change: 'ended',
        session: activeSession({ lastSeq: 2, status: 'ended' }),
      },
    });
    expect(state.session?.status).toBe('active');
  });

  it('replaces a pending bubble with the stored message, by clientId', () => {
    const pending = { clientId: 'c1', text: 'Hello?', queuedAt: '', failure: null };
    let state = run(loaded(yaw, [chatMessage(1, yaw)]), { type: 'queued', message: pending });
    expect(state.outbox).toHaveLength(1);
    state = run(state, created(chatMessage(2, yaw, { clientId: 'c1', text: 'Hello?' })));
    expect(state.outbox).toHaveLength(0);
    expect(state.messages).toHaveLength(2);
  });

  it('settles a pending message on the ack without moving the resume point', () => {
    const pending = { clientId: 'c1', text: 'Hi', queuedAt: '', failure: null };
    const state = run(
      loaded(yaw, [chatMessage(1, yaw)]),
      { type: 'queued', message: pending },
      { type: 'acknowledged', message: chatMessage(3, yaw, { clientId: 'c1' }) },
    );
    expect(state.outbox).toHaveLength(0);
    expect(state.lastSeq).toBe(1);
  });

  it('drops messages that a saved outbox still holds but the server already stored', () => {
    const pending = { clientId: 'c1', text: 'Hi', queuedAt: '', failure: null };
    const state = conversationReducer(initialConversation('yaw', [pending]), {
      type: 'loaded',
      session: activeSession({ lastSeq: 1 }),
      unreadCount: 0,
      messages: [chatMessage(1, yaw, { clientId: 'c1' })],
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
    const state = run(
      loaded(ama, [chatMessage(1, yaw), chatMessage(2, ama), chatMessage(3, ama)]),
      {
        type: 'event',
        seq: 4,
        event: { kind: 'messages.read', reader: yaw, upToSeq: 2, readAt: '' },
      },
    );
    expect(isReadByOtherSide(state, state.messages[1]!)).toBe(true);
    expect(isReadByOtherSide(state, state.messages[2]!)).toBe(false);
  });

  it("ticks the customer's messages read when an agent reads them", () => {
    const state = run(loaded(yaw, [chatMessage(1, yaw)]), {
      type: 'event',
      seq: 2,
      event: { kind: 'messages.read', reader: ama, upToSeq: 1, readAt: '' },
    });
    expect(isReadByOtherSide(state, state.messages[0]!)).toBe(true);
  });

  it('counts unread messages from the other side, not system messages or own', () => {
    let state = loaded(
      ama,
      [chatMessage(1, yaw), chatMessage(2, null), chatMessage(3, ama), chatMessage(4, yaw)],
      2,
    );
    expect(unreadCount(state)).toBe(2);
    expect(readReceiptSeq(state)).toBe(4);
    state = run(state, created(chatMessage(5, yaw)));
    expect(unreadCount(state)).toBe(3);
    state = run(state, { type: 'readSent', upToSeq: 5 });
    expect(unreadCount(state)).toBe(0);
    expect(readReceiptSeq(state)).toBeNull();
  });

  it('learns that the viewer read elsewhere (another tab) from their own receipt', () => {
    const state = run(loaded(ama, [chatMessage(1, yaw)], 1), {
      type: 'event',
      seq: 2,
      event: { kind: 'messages.read', reader: ama, upToSeq: 1, readAt: '' },
    });
    expect(unreadCount(state)).toBe(0);
  });
});

describe('chatActivity', () => {
  it('has nothing to say until the conversation is loaded, then counts what is unread', () => {
    expect(chatActivity(initialConversation(ama.id))).toBeNull();
    const messages = [chatMessage(1, yaw), chatMessage(2, yaw)];
    expect(chatActivity(loaded(ama, messages, 2))).toEqual({
      unread: 2,
      lastActivityAt: messages[1]!.createdAt,
      awaitingAgentSince: messages[0]!.createdAt,
    });
  });
});
