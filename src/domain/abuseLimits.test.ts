import { describe, expect, it } from 'vitest';
import { latestFullAtAdmitting, messageBudget, messageWaitMs } from './abuseLimits.js';

describe('message budget', () => {
  it('spaces messages by the rate and lets a whole burst through from full', () => {
    const budget = messageBudget({ messagesPerSecond: 5, messageBurst: 20 });
    expect(budget).toEqual({ intervalMs: 200, toleranceMs: 3800 });
    // Full (the time has passed): a message is taken, and so are the next 19 at the same instant.
    let fullAt = 0;
    const now = 1_000_000;
    let taken = 0;
    while (fullAt <= latestFullAtAdmitting(budget, now)) {
      fullAt = Math.max(fullAt, now) + budget.intervalMs;
      taken++;
    }
    expect(taken).toBe(20);
    expect(messageWaitMs(budget, fullAt, now)).toBe(200);
    expect(messageWaitMs(budget, fullAt, now + 200)).toBe(0);
  });

  it('rounds a rate that does not divide a second to whole milliseconds', () => {
    expect(messageBudget({ messagesPerSecond: 3, messageBurst: 1 })).toEqual({
      intervalMs: 333,
      toleranceMs: 0,
    });
    expect(messageBudget({ messagesPerSecond: 5000, messageBurst: 2 }).intervalMs).toBe(1);
  });
});
