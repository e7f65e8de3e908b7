// The limits that keep one customer (or one script) from flooding the desk, and the arithmetic
// of the per-session message budget. Each is enforced where the database makes it exact across
// nodes: see docs/architecture.md (Decisions) for where.

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
  /**
   * Visitors (guest accounts) one client address may create per hour: a browser makes one and
   * keeps its token, so even a campus behind one NAT address stays well under it.
   */
  visitorsPerAddressPerHour: number;
  /** Chats guests (widget visitors) may start from one network address per hour. */
  guestChatsPerAddressPerHour: number;
  /** Accounts customers may sign up for from one network address per hour (CUSTOMER_SIGN_UP). */
  signUpsPerAddressPerHour: number;
  /** Files one person may upload per hour. */
  uploadsPerHour: number;
  /** Chat transcripts one person may have mailed per hour (to themselves, or to a customer). */
  transcriptMailsPerHour: number;
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
  visitorsPerAddressPerHour: 60,
  guestChatsPerAddressPerHour: 30,
  signUpsPerAddressPerHour: 10,
  uploadsPerHour: 60,
  transcriptMailsPerHour: 10,
};

/**
 * A session's message budget is a token bucket (`burst` tokens, refilled at `perSecond`) kept in
 * one number, the time at which the bucket is full again (the generic cell rate algorithm):
 * each message pushes that time `intervalMs` later, starting from now if it had passed, and a
 * message is refused when it would push it more than `burst` messages' worth past now.
 */
export interface MessageBudget {
  /** How much later one message makes the bucket full again. */
  intervalMs: number;
  /** How far past now the full-again time may be for a message to be taken. */
  toleranceMs: number;
}

export function messageBudget(
  limits: Pick<AbuseLimits, 'messagesPerSecond' | 'messageBurst'>,
): MessageBudget {
  const intervalMs = Math.max(1, Math.round(1000 / limits.messagesPerSecond));
  return { intervalMs, toleranceMs: (limits.messageBurst - 1) * intervalMs };
}

/** The latest full-again time at which a message sent `now` is still taken. */
export const latestFullAtAdmitting = (budget: MessageBudget, now: number) =>
  now + budget.toleranceMs;

/** How long a session whose bucket is full again at `fullAt` must wait before its next message. */
export const messageWaitMs = (budget: MessageBudget, fullAt: number, now: number) =>
  Math.max(0, fullAt - latestFullAtAdmitting(budget, now));
