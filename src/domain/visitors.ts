// Visitors of the chat widget: the name a guest account gets, and who may act as a visitor.
import type { Role } from '../shared/vocabulary.js';

/**
 * "Visitor 4821": four digits taken from a fresh id's random tail, so two visitors chatting at
 * once rarely share a name (agents tell them apart by it, not by an id).
 */
export function visitorName(randomId: string): string {
  const tail = Number.parseInt(randomId.replace(/-/g, '').slice(-6), 16);
  return `Visitor ${1000 + ((Number.isNaN(tail) ? 0 : tail) % 9000)}`;
}

/** Only a guest account may change its visitor details or be identified (turned into a person). */
export const isVisitor = (account: { role: Role; isGuest: boolean }): boolean =>
  account.isGuest && account.role === 'user';
