import { describe, expect, it } from 'vitest';
import { availabilityNotice, openingWords } from './availabilityMessages.js';

/** Saturday 10 January 2026, noon UTC. */
const NOW = Date.UTC(2026, 0, 10, 12, 0, 0);
const monday = '2026-01-12T09:00:00.000Z';

describe('availabilityNotice', () => {
  it('says nothing while live chat is available, or before it is known', () => {
    expect(availabilityNotice({ state: 'available', opensAt: null }, NOW)).toBeNull();
    expect(availabilityNotice(undefined, NOW)).toBeNull();
  });

  it('names the next opening in the customer’s time zone', () => {
    const closed = { state: 'closed', opensAt: monday } as const;
    expect(availabilityNotice(closed, NOW, 'Europe/London')).toBe(
      "We're closed — we open Monday 09:00.",
    );
    expect(availabilityNotice(closed, NOW, 'Asia/Tokyo')).toBe(
      "We're closed — we open Monday 18:00.",
    );
  });

  it('gives the date of an opening more than a week away', () => {
    expect(openingWords('2026-01-26T09:00:00.000Z', NOW, 'UTC')).toBe('Monday 26 January 09:00');
  });

  it('says when nobody is free, and when a team never opens', () => {
    expect(availabilityNotice({ state: 'no_agents', opensAt: null }, NOW)).toBe(
      'No one is available right now.',
    );
    expect(availabilityNotice({ state: 'closed', opensAt: null }, NOW)).toBe(
      "We're closed right now.",
    );
  });
});
