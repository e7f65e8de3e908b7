// What deserves an agent's attention, as pure rules: which customer message rings (chime and
// notification), each at most once by id, and the count in the tab title, for agents and for
// customers.
import type { Message } from '../../shared/api.js';
import type { ConversationState } from '../chat/conversation.js';

/** Where the agent's eyes are when a message arrives. */
export interface Scene {
  /** The browser tab is the one in front. */
  tabVisible: boolean;
  /** The chat shown on the agent's screen right now, if any (a chat tab of the console). */
  chatInView: string | null;
}

/**
 * A message rings when a customer sent it in a chat that is the viewer's, it is not read yet, and
 * the agent cannot be looking at it: the tab is hidden, or another chat (or page) is in view.
 */
export function ringsFor(conversation: ConversationState, message: Message, scene: Scene): boolean {
  const { session, viewerId, ownReadSeq } = conversation;
  if (!session || session.agent?.id !== viewerId) return false;
  if (message.type === 'system' || message.sender?.id !== session.customer.id) return false;
  if (message.seq <= ownReadSeq) return false;
  return !scene.tabVisible || scene.chatInView !== session.id;
}

/**
 * Remembers every message it has been shown, per chat, so a message rings at most once: a replay
 * after a reconnect, a reload of the chat or another look at the same state never ring again. The
 * first look at a chat only learns what is already there: those messages were there before this
 * page was (a reload), or came with the chat, whose own arrival is announced.
 */
export class MessageRings {
  private readonly known = new Map<string, Set<string>>();

  /** The messages of `conversation` that ring now (oldest first), each only the first time. */
  take(conversation: ConversationState, scene: Scene): Message[] {
    const { session, messages } = conversation;
    if (!session) return [];
    const known = this.known.get(session.id);
    if (!known) {
      this.known.set(session.id, new Set(messages.map((m) => m.id)));
      return [];
    }
    const fresh = messages.filter((m) => !known.has(m.id));
    for (const message of fresh) known.add(message.id);
    return fresh.filter((m) => ringsFor(conversation, m, scene));
  }
}

/**
 * The agent's title count: every unread message in their chats (as the Active list and the chat
 * tabs count them) plus every chat waiting in the queue, which needs someone until it is taken.
 */
export function agentAttention(unreadByChat: Iterable<number>, waitingChats: number): number {
  let unread = 0;
  for (const count of unreadByChat) unread += count;
  return unread + waitingChats;
}

/** A customer's title count: the agent's replies not read yet, shown only while the tab is hidden. */
export function customerAttention(unreadReplies: number, tabVisible: boolean): number {
  return tabVisible ? 0 : unreadReplies;
}
