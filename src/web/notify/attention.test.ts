import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/api.js';
import {
  conversationReducer,
  initialConversation,
  type ConversationState,
} from '../chat/conversation.js';
import { activeSession, ama, chatMessage, yaw } from '../testing/chatFixtures.js';
import {
  agentAttention,
  customerAttention,
  MessageRings,
  ringsFor,
  type Scene,
} from './attention.js';

const kofi = { id: 'kofi', name: 'Kofi', email: null, role: 'admin' as const };
const away: Scene = { tabVisible: false, chatInView: null };
const elsewhere: Scene = { tabVisible: true, chatInView: 's2' };
const watching: Scene = { tabVisible: true, chatInView: 's1' };

/** Ama's view of Yaw's chat, loaded with `messages`. */
function amasChat(messages: Message[], changes = {}, unreadCount = 0): ConversationState {
  return conversationReducer(initialConversation(ama.id), {
    type: 'loaded',
    session: activeSession({ lastSeq: messages.at(-1)?.seq ?? 0, ...changes }),
    unreadCount,
    messages,
    hasEarlier: false,
  });
}

const arrived = (state: ConversationState, message: Message) =>
  conversationReducer(state, {
    type: 'event',
    seq: message.seq,
    event: { kind: 'message.created', message },
  });

describe('ringsFor', () => {
  const chat = amasChat([chatMessage(1, yaw)]);
  const fromYaw = chatMessage(2, yaw);

  it('rings for the customer’s message while the tab is hidden or another chat is in view', () => {
    expect(ringsFor(chat, fromYaw, away)).toBe(true);
    expect(ringsFor(chat, fromYaw, elsewhere)).toBe(true);
    expect(ringsFor(chat, fromYaw, { tabVisible: true, chatInView: null })).toBe(true);
    // The chat is on screen, yet the tab is in the background.
    expect(ringsFor(chat, fromYaw, { tabVisible: false, chatInView: 's1' })).toBe(true);
  });

  it('stays quiet for the chat the agent is looking at', () => {
    expect(ringsFor(chat, fromYaw, watching)).toBe(false);
  });

  it('stays quiet for the agent’s own messages, system messages and colleagues', () => {
    expect(ringsFor(chat, chatMessage(2, ama), away)).toBe(false);
    expect(ringsFor(chat, chatMessage(2, null), away)).toBe(false);
    expect(ringsFor(chat, chatMessage(2, kofi), away)).toBe(false);
  });

  it('stays quiet in a chat that is not the agent’s (transferred away, or read along)', () => {
    expect(ringsFor(amasChat([], { agent: kofi }), fromYaw, away)).toBe(false);
    expect(ringsFor(amasChat([], { agent: null, status: 'waiting' }), fromYaw, away)).toBe(false);
  });

  it('stays quiet for a message already read', () => {
    const read = conversationReducer(chat, { type: 'readSent', upToSeq: 2 });
    expect(ringsFor(read, fromYaw, away)).toBe(false);
  });
});

describe('MessageRings', () => {
  it('rings once per new customer message, however often the chat is looked at', () => {
    const rings = new MessageRings();
    let chat = amasChat([chatMessage(1, yaw)]);
    expect(rings.take(chat, away)).toEqual([]);
    chat = arrived(chat, chatMessage(2, yaw));
    expect(rings.take(chat, away).map((m) => m.id)).toEqual(['m2']);
    expect(rings.take(chat, away)).toEqual([]);
    chat = arrived(arrived(chat, chatMessage(3, ama)), chatMessage(4, yaw));
    expect(rings.take(chat, away).map((m) => m.id)).toEqual(['m4']);
  });

  it('does not ring again for messages a reconnect or a reload brings back', () => {
    const rings = new MessageRings();
    rings.take(amasChat([chatMessage(1, yaw)]), away);
    const live = arrived(amasChat([chatMessage(1, yaw)]), chatMessage(2, yaw));
    expect(rings.take(live, away).map((m) => m.id)).toEqual(['m2']);
    // A reconnect replays what the feed already applied: the reducer keeps each message once.
    expect(rings.take(arrived(live, chatMessage(2, yaw)), away)).toEqual([]);
    // The chat was loaded afresh (its store was dropped and made again): the same messages.
    const reloaded = amasChat([chatMessage(1, yaw), chatMessage(2, yaw)], {}, 1);
    expect(rings.take(reloaded, away)).toEqual([]);
  });

  it('rings for a message that came while the chat was not followed', () => {
    const rings = new MessageRings();
    rings.take(amasChat([chatMessage(1, yaw)]), away);
    const reloaded = amasChat([chatMessage(1, yaw), chatMessage(2, yaw)], {}, 1);
    expect(rings.take(reloaded, away).map((m) => m.id)).toEqual(['m2']);
  });

  it('learns a chat’s messages on its first look without ringing', () => {
    const rings = new MessageRings();
    expect(rings.take(amasChat([chatMessage(1, yaw), chatMessage(2, yaw)]), away)).toEqual([]);
    expect(rings.take(initialConversation(ama.id), away)).toEqual([]);
  });

  it('never rings later for a message that arrived while the agent was watching', () => {
    const rings = new MessageRings();
    let chat = amasChat([]);
    rings.take(chat, watching);
    chat = arrived(chat, chatMessage(1, yaw));
    expect(rings.take(chat, watching)).toEqual([]);
    expect(rings.take(chat, away)).toEqual([]);
  });
});

describe('agentAttention', () => {
  it('counts unread messages, not chats, plus the chats waiting', () => {
    expect(agentAttention([2, 0, 3], 1)).toBe(6);
    expect(agentAttention([], 0)).toBe(0);
  });
});

describe('customerAttention', () => {
  it('counts the agent’s unread replies only while the tab is hidden', () => {
    expect(customerAttention(2, false)).toBe(2);
    expect(customerAttention(2, true)).toBe(0);
    expect(customerAttention(0, false)).toBe(0);
  });
});
