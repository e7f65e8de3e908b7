import { describe, expect, it } from 'vitest';
import type { Person } from '../../shared/api.js';
import type { TransferOffer } from '../../shared/transfersApi.js';
import { ama, yaw } from '../testing/chatFixtures.js';
import { offerEndedNotice, offerOf, offersTo, secondsLeft, withOffer } from './transferOffers.js';

const esi: Person = { id: 'esi', name: 'Esi', email: null, role: 'admin' };
const ada: Person = { id: 'ada', name: 'Ada', email: null, role: 'super_admin' };

/** Ama offers Yaw's chat to Esi at 09:00:00, to be answered by 09:01:00. */
const offer = (changes: Partial<TransferOffer> = {}): TransferOffer => ({
  id: 'o1',
  sessionId: 's1',
  subject: 'Refund',
  customer: yaw,
  from: ama,
  to: esi,
  by: ama,
  note: null,
  status: 'pending',
  returnedTo: null,
  createdAt: '2026-01-05T09:00:00.000Z',
  expiresAt: '2026-01-05T09:01:00.000Z',
  resolvedAt: null,
  ...changes,
});

describe('the pending offers', () => {
  it('adds or replaces a pending offer and drops one that ended', () => {
    const first = withOffer([], offer());
    expect(first).toEqual([offer()]);
    expect(withOffer(first, offer({ note: 'Refund approved' }))).toEqual([
      offer({ note: 'Refund approved' }),
    ]);
    expect(withOffer(first, offer({ status: 'declined' }))).toEqual([]);
    expect(withOffer(first, offer({ id: 'o2', status: 'expired' }))).toEqual([offer()]);
  });

  it('tells the offers made to an agent from those they made, and finds a chat’s offer', () => {
    const list = [offer(), offer({ id: 'o2', sessionId: 's2', to: ama, from: esi, by: esi })];
    expect(offersTo(list, 'esi').map((o) => o.id)).toEqual(['o1']);
    expect(offersTo(list, 'ama').map((o) => o.id)).toEqual(['o2']);
    expect(offerOf(list, 's2')?.id).toBe('o2');
    expect(offerOf(list, 's3')).toBeUndefined();
  });

  it('counts the seconds left down to 0', () => {
    const at = (time: string) => Date.parse(`2026-01-05T${time}Z`);
    expect(secondsLeft(offer(), at('09:00:00.000'))).toBe(60);
    expect(secondsLeft(offer(), at('09:00:59.200'))).toBe(1);
    expect(secondsLeft(offer(), at('09:01:00.000'))).toBe(0);
    expect(secondsLeft(offer(), at('09:05:00.000'))).toBe(0);
    // A browser whose clock is a little behind the server's never shows more than the whole time.
    expect(secondsLeft(offer(), at('08:59:59.900'))).toBe(60);
  });
});

describe('what an agent is told when an offer ends', () => {
  it('tells the chat’s agent the answer, and where the chat is now', () => {
    expect(offerEndedNotice(offer({ status: 'accepted' }), 'ama')).toBe('Esi accepted Yaw’s chat');
    expect(offerEndedNotice(offer({ status: 'declined', returnedTo: 'sender' }), 'ama')).toBe(
      'Esi declined Yaw’s chat; it stays with you',
    );
    expect(offerEndedNotice(offer({ status: 'expired', returnedTo: 'queue' }), 'ama')).toBe(
      'Esi did not answer in time; it went back to the queue',
    );
  });

  it('tells whoever made the offer for a colleague whose chat it is', () => {
    expect(
      offerEndedNotice(offer({ by: ada, status: 'declined', returnedTo: 'sender' }), 'ada'),
    ).toBe('Esi declined Yaw’s chat; it stays with Ama');
  });

  it('tells the receiver that an offer went away, not what they did themselves', () => {
    expect(offerEndedNotice(offer({ status: 'withdrawn' }), 'esi')).toBe(
      'The offer of Yaw’s chat was withdrawn',
    );
    expect(offerEndedNotice(offer({ status: 'expired' }), 'esi')).toBe(
      'The offer of Yaw’s chat expired',
    );
    expect(offerEndedNotice(offer({ status: 'accepted' }), 'esi')).toBeNull();
    expect(offerEndedNotice(offer({ status: 'declined' }), 'esi')).toBeNull();
    // Withdrawn by its sender, or because the chat ended: nothing to tell them.
    expect(offerEndedNotice(offer({ status: 'withdrawn' }), 'ama')).toBeNull();
  });
});
