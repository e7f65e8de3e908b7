// The limits that keep one customer (or one script) from flooding the desk. Each is enforced
// where the database makes it exact across nodes: see docs/architecture.md (Decisions) for where.

export interface AbuseLimits {
  /** Messages a session takes per second on average, both sides together. */
  messagesPerSecond: number;
  /** Messages a session takes at once (after a quiet spell) before the rate applies. */
  messageBurst: number;
  /** Chats one person may start per hour. */
  chatsPerHour: number;
  /** Chats one customer may have waiting or active at the same time. */
  openChatsPerCustomer: number;
  /** WebSockets one sign-in (cookie or token) may hold at once, over every node. */
  socketsPerSignIn: number;
}

/**
 * No person typing, and no outbox sent again after a reconnect, meets these: a burst of 20 is
 * more than anyone types offline, and 5 a second is faster than anyone reads.
 */
export const DEFAULT_ABUSE_LIMITS: AbuseLimits = {
  messagesPerSecond: 5,
  messageBurst: 20,
  chatsPerHour: 20,
  openChatsPerCustomer: 3,
  socketsPerSignIn: 20,
};
