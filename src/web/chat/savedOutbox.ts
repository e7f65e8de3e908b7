// Keeps unsent messages in the tab's sessionStorage, so a reload while the link is down loses
// nothing: they are sent (with their original clientIds, so never twice) once the page is back.
import type { Outbox, PendingMessage } from './outbox.js';

export type OutboxStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const keyOf = (viewerId: string, sessionId: string) =>
  `switchboard.outbox.${viewerId}.${sessionId}`;

const isPending = (value: unknown): value is PendingMessage => {
  const p = value as Partial<PendingMessage> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.clientId === 'string' &&
    typeof p.text === 'string' &&
    typeof p.queuedAt === 'string'
  );
};

export function loadOutbox(
  storage: OutboxStorage | null,
  viewerId: string,
  sessionId: string,
): Outbox {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(keyOf(viewerId, sessionId)) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter(isPending).map((p) => ({ ...p, failure: p.failure ?? null }))
      : [];
  } catch {
    return [];
  }
}

export function saveOutbox(
  storage: OutboxStorage | null,
  viewerId: string,
  sessionId: string,
  outbox: Outbox,
): void {
  try {
    if (outbox.length === 0) storage?.removeItem(keyOf(viewerId, sessionId));
    else storage?.setItem(keyOf(viewerId, sessionId), JSON.stringify(outbox));
  } catch {
    // Storage full or blocked: the outbox still lives in memory for this page.
  }
}
