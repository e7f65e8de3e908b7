// The transfer offers waiting for an answer that concern the signed-in agent (made to them, by
// them, or of their chats), for the whole sign-in: loaded from the API, kept current by the
// socket's `transfer.offer` frames, and read by the offer tray and the chat windows. And what an
// agent is told when one of them ends without their doing.
import type { TransferOffer } from '../../shared/transfersApi.js';
import { Observable } from './observable.js';

export const transferOffers = new Observable<readonly TransferOffer[]>([]);

/** `list` once `offer` is known: a pending offer is added (or replaced), an ended one goes. */
export function withOffer(
  list: readonly TransferOffer[],
  offer: TransferOffer,
): readonly TransferOffer[] {
  const others = list.filter((o) => o.id !== offer.id);
  return offer.status === 'pending' ? [...others, offer] : others;
}

/** The pending offers made to `agentId`, oldest first. */
export const offersTo = (list: readonly TransferOffer[], agentId: string): TransferOffer[] =>
  list.filter((offer) => offer.to.id === agentId);

/** The chat's pending offer, if it has one (it has at most one). */
export const offerOf = (
  list: readonly TransferOffer[],
  sessionId: string,
): TransferOffer | undefined => list.find((offer) => offer.sessionId === sessionId);

/**
 * Seconds left to answer, counting down to 0 (rounded up: "1 s" until the very end), never more
 * than the offer's whole time, should this browser's clock run a little behind the server's.
 */
export function secondsLeft(
  offer: Pick<TransferOffer, 'createdAt' | 'expiresAt'>,
  now: number,
): number {
  const expiresAt = Date.parse(offer.expiresAt);
  const whole = (expiresAt - Date.parse(offer.createdAt)) / 1000;
  return Math.max(0, Math.min(whole, Math.ceil((expiresAt - now) / 1000)));
}

/**
 * What `viewerId` is told when `offer` ended, or null when they did it themselves or there is
 * nothing to say (an offer withdrawn because its chat ended). The receiver hears that it went
 * away; the chat's agent and whoever made it hear the answer and where the chat is now.
 */
export function offerEndedNotice(offer: TransferOffer, viewerId: string): string | null {
  const chat = `${offer.customer.name}’s chat`;
  if (offer.to.id === viewerId) {
    if (offer.status === 'withdrawn') return `The offer of ${chat} was withdrawn`;
    if (offer.status === 'expired') return `The offer of ${chat} expired`;
    return null;
  }
  const holder = offer.from.id === viewerId ? 'you' : offer.from.name;
  const where =
    offer.returnedTo === 'queue' ? 'it went back to the queue' : `it stays with ${holder}`;
  switch (offer.status) {
    case 'accepted':
      return `${offer.to.name} accepted ${chat}`;
    case 'declined':
      return `${offer.to.name} declined ${chat}; ${where}`;
    case 'expired':
      return `${offer.to.name} did not answer in time; ${where}`;
    default:
      return null;
  }
}
