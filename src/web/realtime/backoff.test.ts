import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './backoff.js';

describe('reconnectDelay', () => {
  it('doubles with each attempt', () => {
    const top = () => 1;
    expect([0, 1, 2, 3].map((attempt) => reconnectDelay(attempt, top))).toEqual([
      500, 1000, 2000, 4000,
    ]);
  });

  it('never waits longer than the cap', () => {
    expect(reconnectDelay(30, () => 1)).toBe(10_000);
  });

  it('spreads retries between half and all of the ceiling', () => {
    expect(reconnectDelay(2, () => 0)).toBe(1000);
    expect(reconnectDelay(2, () => 0.5)).toBe(1500);
  });
});
