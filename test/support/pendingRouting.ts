// The routing schedulers of the worlds a test file made: a pass starts on the turn after the
// commit that asked for it, so the last one of a test may still be running when the test ends.
// The database helpers wait for them before emptying or dropping the database under them.
import type { RoutingScheduler } from '../../src/services/sessions/queueRouter.js';

const schedulers = new Set<RoutingScheduler>();

export function trackRouting(scheduler: RoutingScheduler): void {
  schedulers.add(scheduler);
}

/** Resolves once no tracked routing pass is running or scheduled; forgets the schedulers. */
export async function settleRouting(): Promise<void> {
  const pending = [...schedulers];
  schedulers.clear();
  await Promise.all(pending.map((scheduler) => scheduler.idle()));
}
