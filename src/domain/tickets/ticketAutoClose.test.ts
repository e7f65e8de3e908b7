import { describe, expect, it } from 'vitest';
import { autoCloseAt, autoCloseCutoff, isDueForAutoClose } from './ticketAutoClose.js';

const solvedAt = new Date('2026-03-02T10:00:00Z');

describe('automatic close of solved tickets', () => {
  it('closes four days after solving by default', () => {
    expect(autoCloseAt(solvedAt).toISOString()).toBe('2026-03-06T10:00:00.000Z');
  });

  it('names the latest solve time that is due now, the inverse of the deadline', () => {
    const now = new Date('2026-03-06T10:00:00Z');
    expect(autoCloseCutoff(now).toISOString()).toBe(solvedAt.toISOString());
    expect(autoCloseCutoff(now, 2).toISOString()).toBe('2026-03-04T10:00:00.000Z');
    expect(() => autoCloseCutoff(now, 0)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('takes the configured number of days', () => {
    expect(autoCloseAt(solvedAt, 1).toISOString()).toBe('2026-03-03T10:00:00.000Z');
  });

  it('is due exactly at the deadline and not a millisecond before', () => {
    const ticket = { status: 'solved' as const, solvedAt };
    expect(isDueForAutoClose(ticket, new Date('2026-03-06T09:59:59.999Z'))).toBe(false);
    expect(isDueForAutoClose(ticket, new Date('2026-03-06T10:00:00.000Z'))).toBe(true);
  });

  it('never closes a ticket that is not solved, however old', () => {
    const late = new Date('2027-01-01T00:00:00Z');
    for (const status of ['new', 'open', 'pending', 'on_hold', 'closed'] as const) {
      expect(isDueForAutoClose({ status, solvedAt }, late)).toBe(false);
    }
    expect(isDueForAutoClose({ status: 'solved', solvedAt: null }, late)).toBe(false);
  });

  it('refuses a setting that is not a whole number of days from 1 to 365', () => {
    for (const days of [0, -1, 1.5, 366, Number.NaN]) {
      expect(() => autoCloseAt(solvedAt, days)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'autoCloseDays' }),
      );
    }
  });
});
