// The sustained-rate search converges on the rate where holds start failing, within its time
// budget, and always reports a well-formed interval (never NaN), whatever the server does.
import { describe, expect, it } from 'vitest';
import { searchSustainedRate, type RateSearchLimits } from './rateSearch.js';

/** A clock that advances by each try's cost: held tries cost `heldMs`, failed ones `failedMs`. */
function fakeServer(holds: (rate: number) => boolean, heldMs = 10_000, failedMs = 4000) {
  let clock = 0;
  const tried: number[] = [];
  return {
    tried,
    now: () => clock,
    tryRate: async (rate: number) => {
      tried.push(rate);
      const ok = holds(rate);
      clock += ok ? heldMs : failedMs;
      return ok;
    },
  };
}

const limits = (overrides: Partial<RateSearchLimits> = {}): RateSearchLimits => ({
  start: 1000,
  min: 10,
  max: 100_000,
  tolerance: 0.1,
  budgetMs: 1_000_000,
  tryMs: 10_000,
  ...overrides,
});

describe('searchSustainedRate', () => {
  it('brackets the threshold within the tolerance when the budget allows', async () => {
    const server = fakeServer((rate) => rate <= 1234);
    const result = await searchSustainedRate(server.tryRate, limits({ now: server.now }));
    expect(result.held).toBeLessThanOrEqual(1234);
    expect(result.failed).toBeGreaterThan(1234);
    expect(result.failed! - result.held).toBeLessThanOrEqual(0.1 * result.held);
    expect(result.tries.map((t) => t.rate)).toEqual(server.tried);
  });

  it('steps down from a start that fails until a rate holds, then bisects', async () => {
    const server = fakeServer((rate) => rate <= 1234);
    const result = await searchSustainedRate(
      server.tryRate,
      limits({ start: 5000, now: server.now }),
    );
    expect(server.tried.slice(0, 3)).toEqual([5000, 2500, 1250]);
    expect(result.held).toBeLessThanOrEqual(1234);
    expect(result.failed).toBeGreaterThan(1234);
  });

  it('reports 0 held and the lowest rate that failed when nothing holds', async () => {
    const server = fakeServer(() => false);
    const result = await searchSustainedRate(server.tryRate, limits({ now: server.now }));
    expect(result.held).toBe(0);
    expect(result.failed).toBe(10);
    expect(Math.min(...server.tried)).toBe(10);
  });

  it('stops at the cap when every rate holds', async () => {
    const server = fakeServer(() => true);
    const result = await searchSustainedRate(
      server.tryRate,
      limits({ max: 6000, now: server.now }),
    );
    expect(result).toMatchObject({ held: 6000, failed: null });
    expect(server.tried).toEqual([1000, 2000, 4000, 6000]);
  });

  it('reports no upper end when the budget ends before any rate failed', async () => {
    const server = fakeServer(() => true);
    const result = await searchSustainedRate(
      server.tryRate,
      limits({ budgetMs: 0, now: server.now }),
    );
    expect(result).toMatchObject({ held: 4000, failed: null });
    expect(server.tried).toEqual([1000, 2000, 4000]);
  });

  it('always has room for one step up and one step down, even with no budget', async () => {
    const server = fakeServer((rate) => rate <= 1234);
    const result = await searchSustainedRate(
      server.tryRate,
      limits({ budgetMs: 0, now: server.now }),
    );
    expect(server.tried).toEqual([1000, 2000, 1500]);
    expect(result).toMatchObject({ held: 1000, failed: 1500 });
  });

  it('starts no try that would overrun the budget after the first three', async () => {
    const server = fakeServer((rate) => rate <= 1234, 10_000, 4000);
    // 1000 held (10 s), 2000 failed (4 s), 1500 failed (4 s): 18 s spent, a 10 s try fits in 30.
    await searchSustainedRate(server.tryRate, limits({ budgetMs: 30_000, now: server.now }));
    expect(server.tried).toEqual([1000, 2000, 1500, 1250]);
  });

  it('clamps the start into [min, max]', async () => {
    const server = fakeServer((rate) => rate <= 50);
    const result = await searchSustainedRate(
      server.tryRate,
      limits({ start: 1_000_000, max: 400, now: server.now }),
    );
    expect(server.tried[0]).toBe(400);
    expect(result.held).toBeLessThanOrEqual(50);
    expect(result.failed).toBeGreaterThan(50);
  });

  it('ends with adjacent integers when the tolerance is finer than one message per second', async () => {
    const server = fakeServer((rate) => rate <= 7);
    const result = await searchSustainedRate(
      server.tryRate,
      limits({ start: 5, min: 1, tolerance: 0, now: server.now }),
    );
    expect(result).toMatchObject({ held: 7, failed: 8 });
  });
});
