// What this person sent that the server has not acknowledged yet, keyed by clientId and kept in
// the order it was typed. Everything still in the outbox is sent again (with the same clientId)
// each time the session's feed comes back live; the server stores a clientId once, so a resend
// can never make a second message.

export interface SendFailure {
  code: string;
  message: string;
}

export interface PendingMessage {
  clientId: string;
  text: string;
  /** When it was typed (ISO), to show beside the bubble until the server's time replaces it. */
  queuedAt: string;
  /** Set when the server refused it: shown with Retry and Discard instead of being resent. */
  failure: SendFailure | null;
  /** An internal note (agents only), sent as `messageType: 'note'`. */
  note?: boolean;
}

export type Outbox = readonly PendingMessage[];

export function enqueue(outbox: Outbox, message: PendingMessage): Outbox {
  return outbox.some((p) => p.clientId === message.clientId) ? outbox : [...outbox, message];
}

/** The server stored it: it leaves the outbox (the stored message takes its place). */
export function settle(outbox: Outbox, clientId: string): Outbox {
  return outbox.some((p) => p.clientId === clientId)
    ? outbox.filter((p) => p.clientId !== clientId)
    : outbox;
}

export function markFailed(outbox: Outbox, clientId: string, failure: SendFailure): Outbox {
  return outbox.map((p) => (p.clientId === clientId ? { ...p, failure } : p));
}

export function markForRetry(outbox: Outbox, clientId: string): Outbox {
  return outbox.map((p) => (p.clientId === clientId ? { ...p, failure: null } : p));
}

/** What to send when the link is live again, in typing order. */
export const toSend = (outbox: Outbox): PendingMessage[] => outbox.filter((p) => !p.failure);
