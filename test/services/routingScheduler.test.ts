// The routing scheduler on its own, with a fake pass and the test's clock: kicks coalesce, and a
// pass is timed for the moment the last pass asked for, the earliest one when several are asked.
import { describe, expect, it } from 'vitest';
import {
  RETRY_FAILED_PASS_MS,
  RoutingScheduler,
  type RoutingOutcome,
} from '../../src/services/sessions/queueRouter.js';
import { ManualClock } from '../support/world.js';

/** A scheduler whose passes answer `answers` in turn (then "nothing to time"), counting them. */
function scheduler(answers: Array<number | null>) {
  const clock = new ManualClock(0);
  let passes = 0;
  const routing = new RoutingScheduler(
    async (): Promise<RoutingOutcome> => ({ placed: 0, nextPassAt: answers[passes++] ?? null }),
    (error) => {
      throw error;
    },
    clock,
    clock.setTimer,
  );
  return { clock, routing, passes: () => passes };
}

describe('RoutingScheduler', () => {
  it('runs one pass for a burst of kicks in the same turn', async () => {
    const { routing, passes } = scheduler([]);
    routing.kick();
    routing.kick();
    routing.kick();
    await routing.idle();
    expect(passes()).toBe(1);
  });

  it('times a pass for the moment a pass asks for, and runs it when the clock gets there', async () => {
    const { clock, routing, passes } = scheduler([5000]);
    routing.kick();
    await routing.idle();
    expect(routing.nextPassAt).toBe(5000);
    clock.advance(4999);
    await routing.idle();
    expect(passes()).toBe(1);
    clock.advance(1);
    await routing.idle();
    expect(passes()).toBe(2);
    expect(routing.nextPassAt).toBeNull();
  });

  it('keeps the earliest moment asked for: a later one waits for the pass at the earlier', async () => {
    const { clock, routing, passes } = scheduler([5000, 9000, 3000]);
    routing.kick();
    await routing.idle();
    routing.kick();
    await routing.idle();
    expect(routing.nextPassAt).toBe(5000);
    routing.kick();
    await routing.idle();
    expect(routing.nextPassAt).toBe(3000);
    clock.advance(10_000);
    await routing.idle();
    // Only the timer for 3000 was left: one more pass, which asks for nothing more.
    expect(passes()).toBe(4);
  });

  it('times nothing once stopped, and forgets what was timed', async () => {
    const { clock, routing, passes } = scheduler([5000, 6000]);
    routing.kick();
    await routing.idle();
    routing.stop();
    expect(routing.nextPassAt).toBeNull();
    clock.advance(10_000);
    await routing.idle();
    expect(passes()).toBe(1);
    routing.kick();
    await routing.idle();
    expect(routing.nextPassAt).toBeNull();
  });

  it('times another pass after one that failed, instead of leaving the queue to the sweep', async () => {
    const clock = new ManualClock(0);
    const errors: unknown[] = [];
    let passes = 0;
    const routing = new RoutingScheduler(
      async (): Promise<RoutingOutcome> => {
        passes++;
        if (passes === 1) throw new Error('the database went away');
        return { placed: 1, nextPassAt: null };
      },
      (error) => errors.push(error),
      clock,
      clock.setTimer,
    );
    routing.kick();
    await routing.idle();
    expect(errors).toHaveLength(1);
    expect(routing.nextPassAt).toBe(RETRY_FAILED_PASS_MS);
    clock.advance(RETRY_FAILED_PASS_MS);
    await routing.idle();
    expect(passes).toBe(2);
    expect(routing.nextPassAt).toBeNull();
  });
});
