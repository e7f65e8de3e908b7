import { describe, expect, it } from 'vitest';
import { afterFailure, FIRST_RETRY_MS, MAX_RETRY_MS, retryDelayMs } from './outboxSchedule.js';

describe('outbox back-off', () => {
  it('waits a minute after the first failure and twice as long after each later one', () => {
    expect([1, 2, 3, 4, 5].map(retryDelayMs)).toEqual([1, 2, 4, 8, 16].map((m) => m * 60_000));
  });

  it('never waits longer than the cap, even after very many failures', () => {
    expect(retryDelayMs(10)).toBe(MAX_RETRY_MS);
    expect(retryDelayMs(10_000)).toBe(MAX_RETRY_MS);
    expect(retryDelayMs(0)).toBe(FIRST_RETRY_MS);
  });

  it('queues a failed mail for later until the last attempt, then gives up', () => {
    const now = 1_000_000;
    expect(afterFailure({ attempts: 1, maxAttempts: 3, permanent: false, now })).toEqual({
      status: 'queued',
      nextAttemptAt: now + FIRST_RETRY_MS,
    });
    expect(afterFailure({ attempts: 2, maxAttempts: 3, permanent: false, now })).toEqual({
      status: 'queued',
      nextAttemptAt: now + 2 * FIRST_RETRY_MS,
    });
    expect(afterFailure({ attempts: 3, maxAttempts: 3, permanent: false, now })).toEqual({
      status: 'dead',
    });
  });

  it('gives up at once on a permanent refusal', () => {
    expect(afterFailure({ attempts: 1, maxAttempts: 10, permanent: true, now: 0 })).toEqual({
      status: 'dead',
    });
  });
});
