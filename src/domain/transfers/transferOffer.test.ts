import { describe, expect, it } from 'vitest';
import type { HandoverFacts } from '../../shared/handover.js';
import {
  chatReturnsTo,
  isDue,
  nextOfferStatus,
  offerDeadline,
  type OfferAction,
  type OfferState,
} from './transferOffer.js';

const MADE_AT = Date.UTC(2026, 0, 5, 9, 0, 0);
const TIMEOUT = 60_000;
const pending: OfferState = { status: 'pending', expiresAt: offerDeadline(MADE_AT, TIMEOUT) };
const justBefore = pending.expiresAt - 1;

describe('a pending transfer offer', () => {
  it('is due 60 seconds after it was made, not a millisecond earlier', () => {
    expect(pending.expiresAt).toBe(MADE_AT + 60_000);
    expect(isDue(pending, justBefore)).toBe(false);
    expect(isDue(pending, pending.expiresAt)).toBe(true);
  });

  it('is accepted, declined or withdrawn by an answer before its deadline', () => {
    expect(nextOfferStatus(pending, 'accept', MADE_AT)).toBe('accepted');
    expect(nextOfferStatus(pending, 'accept', justBefore)).toBe('accepted');
    expect(nextOfferStatus(pending, 'decline', MADE_AT + 1)).toBe('declined');
    expect(nextOfferStatus(pending, 'withdraw', justBefore)).toBe('withdrawn');
  });

  it('is left pending by a check that runs before the deadline', () => {
    expect(nextOfferStatus(pending, 'expire', MADE_AT)).toBe('pending');
    expect(nextOfferStatus(pending, 'expire', justBefore)).toBe('pending');
  });

  it('expires at its deadline when the check runs, on time or late', () => {
    expect(nextOfferStatus(pending, 'expire', pending.expiresAt)).toBe('expired');
    expect(nextOfferStatus(pending, 'expire', pending.expiresAt + 3_600_000)).toBe('expired');
  });

  it('expires, whatever is asked, once the deadline has come: an answer too late is no answer', () => {
    for (const action of ['accept', 'decline', 'withdraw'] as const) {
      expect(nextOfferStatus(pending, action, pending.expiresAt), action).toBe('expired');
      expect(nextOfferStatus(pending, action, pending.expiresAt + 5_000), action).toBe('expired');
    }
  });

  it('counts a timeout from when it was made, whatever the setting', () => {
    const quick: OfferState = { status: 'pending', expiresAt: offerDeadline(MADE_AT, 5_000) };
    expect(nextOfferStatus(quick, 'accept', MADE_AT + 4_999)).toBe('accepted');
    expect(nextOfferStatus(quick, 'accept', MADE_AT + 5_000)).toBe('expired');
  });
});

describe('an offer that has ended', () => {
  const answers: OfferAction[] = ['accept', 'decline', 'withdraw'];

  it('refuses every answer, saying how it ended', () => {
    const cases = [
      ['accepted', 'TRANSFER_OFFER_CLOSED', 'This transfer has already been accepted'],
      ['declined', 'TRANSFER_OFFER_CLOSED', 'This transfer offer was declined'],
      ['withdrawn', 'TRANSFER_OFFER_CLOSED', 'This transfer offer was withdrawn'],
      ['expired', 'TRANSFER_OFFER_EXPIRED', 'This transfer offer has expired'],
    ] as const;
    for (const [status, code, message] of cases) {
      for (const action of answers) {
        expect(
          () => nextOfferStatus({ status, expiresAt: pending.expiresAt }, action, MADE_AT),
          `${action} on ${status}`,
        ).toThrow(expect.objectContaining({ code, message }));
      }
    }
  });

  it('is left as it is by a late or repeated check', () => {
    for (const status of ['accepted', 'declined', 'withdrawn', 'expired'] as const) {
      const ended: OfferState = { status, expiresAt: pending.expiresAt };
      expect(nextOfferStatus(ended, 'expire', pending.expiresAt + 1)).toBe(status);
      expect(isDue(ended, pending.expiresAt + 1)).toBe(false);
    }
  });
});

describe('where the chat goes when an offer ends without a transfer', () => {
  const sender = (facts: Partial<HandoverFacts> = {}): HandoverFacts => ({
    status: 'online',
    connected: true,
    openChats: 5,
    maxConcurrentChats: 5,
    ...facts,
  });

  it('stays with the agent who had it while they are there, full or not, busy or away', () => {
    expect(chatReturnsTo(sender())).toBe('sender');
    expect(chatReturnsTo(sender({ status: 'busy' }))).toBe('sender');
    expect(chatReturnsTo(sender({ status: 'away', openChats: 9 }))).toBe('sender');
  });

  it('goes back to the queue when the agent went offline, left, or is no longer an agent', () => {
    expect(chatReturnsTo(sender({ status: 'offline' }))).toBe('queue');
    expect(chatReturnsTo(sender({ connected: false }))).toBe('queue');
    expect(chatReturnsTo(null)).toBe('queue');
  });
});
