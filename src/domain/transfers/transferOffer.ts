// A transfer offer's life as pure rules: it waits for its receiver until its deadline, then ends
// once, as accepted, declined, withdrawn or expired. The deadline decides, whoever asks first
// (the receiver's answer, the scheduled check, the housekeeping sweep); time is the caller's.
import { handoverBlock, type HandoverFacts } from '../../shared/handover.js';
import type { TransferOfferStatus } from '../../shared/vocabulary.js';
import { AppError } from '../errors.js';

/** The receiver accepts or declines; the sender (or whoever may transfer the chat) withdraws. */
export type OfferAction = 'accept' | 'decline' | 'withdraw' | 'expire';

export interface OfferState {
  status: TransferOfferStatus;
  /** Epoch milliseconds: from then on the offer can only expire. */
  expiresAt: number;
}

/** TRANSFER_OFFER_SECONDS unless set. */
export const DEFAULT_OFFER_TIMEOUT_MS = 60_000;

export const offerDeadline = (createdAt: number, timeoutMs: number): number =>
  createdAt + timeoutMs;

/** A pending offer whose deadline has come: the scheduled check and the sweep expire it. */
export const isDue = (offer: OfferState, now: number): boolean =>
  offer.status === 'pending' && now >= offer.expiresAt;

export const offerExpired = () =>
  new AppError('TRANSFER_OFFER_EXPIRED', 'This transfer offer has expired');

const CLOSED: Record<Exclude<TransferOfferStatus, 'pending'>, () => AppError> = {
  accepted: () => new AppError('TRANSFER_OFFER_CLOSED', 'This transfer has already been accepted'),
  declined: () => new AppError('TRANSFER_OFFER_CLOSED', 'This transfer offer was declined'),
  withdrawn: () => new AppError('TRANSFER_OFFER_CLOSED', 'This transfer offer was withdrawn'),
  expired: offerExpired,
};

const ANSWERS: Record<Exclude<OfferAction, 'expire'>, TransferOfferStatus> = {
  accept: 'accepted',
  decline: 'declined',
  withdraw: 'withdrawn',
};

/**
 * The status `offer` moves to when `action` happens at `now`.
 *
 * - `expire` expires a pending offer whose deadline has come, and changes nothing otherwise
 *   (returns the status as it is): the check may run early, late, or twice.
 * - Past its deadline a pending offer expires whatever is asked: an answer that comes too late
 *   finds it expired (an accept is then refused with TRANSFER_OFFER_EXPIRED by the caller, once
 *   the expiry is recorded; a decline or withdrawal got what it wanted).
 * - An offer that has ended refuses every answer (TRANSFER_OFFER_CLOSED, or
 *   TRANSFER_OFFER_EXPIRED for one that expired).
 */
export function nextOfferStatus(
  offer: OfferState,
  action: OfferAction,
  now: number,
): TransferOfferStatus {
  if (action === 'expire') return isDue(offer, now) ? 'expired' : offer.status;
  if (offer.status !== 'pending') throw CLOSED[offer.status]();
  if (now >= offer.expiresAt) return 'expired';
  return ANSWERS[action];
}

/**
 * Where a chat goes when its offer ends without a transfer: it stays with the agent who had it
 * (it never left them) while they could still be handed it, capacity aside, for it is already
 * theirs: not offline, and connected somewhere. Otherwise (they left, went offline, or are no
 * longer an agent: null) it goes back to its team's queue, in its place.
 */
export function chatReturnsTo(sender: HandoverFacts | null): 'sender' | 'queue' {
  return sender && handoverBlock(sender, true) === null ? 'sender' : 'queue';
}
