import { describe, expect, it } from 'vitest';
import type { Message, Person } from '../../shared/api.js';
import { activeSession, ama, chatMessage, yaw } from '../testing/chatFixtures.js';
import {
  conversationReducer,
  initialConversation,
  type ConversationState,
} from './conversation.js';
import { buildTimeline, isOwnSide } from './timeline.js';

const kofi: Person = { id: 'kofi', name: 'Kofi', email: null, role: 'admin' };

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 5, 9, minutes)).toISOString();
const now = Date.UTC(2026, 0, 5, 12, 0);

let seq = 0;
const message = (sender: Person | null, minutes: number, text = `m${seq + 1}`): Message =>
  chatMessage(++seq, sender, { text, createdAt: at(minutes) });

function conversation(viewer: Person, messages: Message[]): ConversationState {
  return conversationReducer(initialConversation(viewer.id), {
    type: 'loaded',
    session: activeSession({
      subject: 'Help',
      startedAt: at(0),
      assignedAt: at(1),
      lastSeq: messages.at(-1)?.seq ?? 0,
    }),
    unreadCount: 0,
    messages,
    hasEarlier: false,
  });
}

describe('buildTimeline', () => {
  it('groups consecutive messages of one sender and breaks groups at system messages', () => {
    const items = buildTimeline(
      conversation(yaw, [
        message(yaw, 0),
        message(yaw, 1),
        message(null, 2, 'Ama joined the chat'),
        message(ama, 3),
        message(ama, 3),
        message(yaw, 4),
      ]),
      yaw,
      now,
    );
    expect(
      items.map((i) => (i.kind === 'group' ? `${i.sender.name}×${i.entries.length}` : i.kind)),
    ).toEqual(['day', 'Yaw×2', 'system', 'Ama×2', 'Yaw×1']);
  });

  it('starts a new group after a long pause', () => {
    const items = buildTimeline(conversation(yaw, [message(ama, 0), message(ama, 30)]), yaw, now);
    expect(items.filter((i) => i.kind === 'group')).toHaveLength(2);
  });

  it('puts pending messages last, on the viewer side, with their state', () => {
    const state = conversationReducer(conversation(yaw, [message(ama, 0)]), {
      type: 'queued',
      message: { clientId: 'c1', text: 'typed offline', queuedAt: at(5), failure: null },
    });
    const last = buildTimeline(state, yaw, now).at(-1);
    expect(last).toMatchObject({ kind: 'group', mine: true });
    expect(last?.kind === 'group' && last.entries[0]).toMatchObject({
      text: 'typed offline',
      delivery: 'pending',
      clientId: 'c1',
    });
  });

  it('marks own messages sent, then read once the other side has read them', () => {
    const first = message(yaw, 0);
    let state = conversation(yaw, [first]);
    const entry = () => {
      const group = buildTimeline(state, yaw, now).find((i) => i.kind === 'group');
      return group?.kind === 'group' ? group.entries[0]?.delivery : undefined;
    };
    expect(entry()).toBe('sent');
    state = conversationReducer(state, {
      type: 'event',
      seq: first.seq + 1,
      event: { kind: 'messages.read', reader: ama, upToSeq: first.seq, readAt: '' },
    });
    expect(entry()).toBe('read');
  });
});

describe('isOwnSide', () => {
  it("puts the customer's messages on their side, and the whole desk on an agent's side", () => {
    expect(isOwnSide(yaw, yaw, 'yaw')).toBe(true);
    expect(isOwnSide(ama, yaw, 'yaw')).toBe(false);
    expect(isOwnSide(kofi, ama, 'yaw')).toBe(true);
    expect(isOwnSide(yaw, ama, 'yaw')).toBe(false);
  });

  it('sets an internal note apart: its own item, and the group around it starts again', () => {
    const items = buildTimeline(
      conversation(ama, [
        message(ama, 2, 'Checking'),
        chatMessage(++seq, ama, { type: 'note', text: 'Refund approved', createdAt: at(3) }),
        message(ama, 4, 'Found it'),
      ]),
      ama,
      now,
    );
    expect(items.map((item) => item.kind)).toEqual(['day', 'group', 'note', 'group']);
    expect(items[2]).toMatchObject({ sender: ama, entry: { text: 'Refund approved' } });
  });

  it('shows a note still on its way as a pending note', () => {
    const state = conversationReducer(conversation(ama, []), {
      type: 'queued',
      message: {
        clientId: 'c-1',
        text: 'Call him back',
        queuedAt: at(5),
        failure: null,
        note: true,
      },
    });
    const items = buildTimeline(state, ama, now);
    expect(items.at(-1)).toMatchObject({
      kind: 'note',
      entry: { text: 'Call him back', delivery: 'pending', clientId: 'c-1' },
    });
  });

  it('shows the desk’s line about a transfer as a system line only agents see', () => {
    const items = buildTimeline(
      conversation(ama, [
        message(ama, 2, 'Let me pass you on'),
        chatMessage(++seq, null, {
          type: 'note',
          text: 'Ama transferred the chat to Finance',
          createdAt: at(3),
        }),
        chatMessage(++seq, null, { text: "You're being transferred to Finance", createdAt: at(3) }),
      ]),
      ama,
      now,
    );
    expect(items.slice(2)).toMatchObject([
      { kind: 'system', text: 'Ama transferred the chat to Finance', desk: true },
      { kind: 'system', text: "You're being transferred to Finance" },
    ]);
    expect(items[3]).not.toHaveProperty('desk');
  });
});
