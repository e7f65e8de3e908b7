// The open-loop bookkeeping: late messages must raise the percentiles, never drop out of them,
// and a hold may stop early only when its ack p99 can no longer stay under the limit.
import { describe, expect, it } from 'vitest';
import { MessageLog } from './messageLog.js';

/** `count` messages due 1 ms apart from t = 0, all measured. */
const scheduleOf = (count: number) => Float64Array.from({ length: count }, (_, k) => k);

describe('outcomes', () => {
  it('counts a message never delivered as waiting until the end, and as lost', () => {
    const log = new MessageLog(scheduleOf(100), 0);
    log.sentUpTo(100);
    for (let k = 0; k < 99; k++) {
      log.ack(k, k + 1);
      log.delivery(k, k + 2);
    }
    log.ack(99, 100);
    const outcomes = log.outcomes(3099);
    expect(outcomes.lost).toBe(1);
    // Message 99 was due at 99 and still missing at 3099: at least 3,000 ms.
    expect(outcomes.delivery.max).toBe(3000);
    expect(outcomes.delivery.p99).toBe(3000);
    expect(outcomes.delivery.count).toBe(100);
    expect(outcomes.deliveredMeasured).toBe(99);
  });

  it('leaves warm-up messages out of the percentiles but not out of the lost count', () => {
    const log = new MessageLog(scheduleOf(10), 5);
    log.sentUpTo(10);
    for (let k = 5; k < 10; k++) log.delivery(k, k + 1);
    const outcomes = log.outcomes(1000);
    expect(outcomes.delivery).toMatchObject({ count: 5, max: 1 });
    expect(outcomes.lost).toBe(5);
  });
});

describe('ackP99CertainlyReaches', () => {
  it('turns true exactly when the final ack p99 can no longer stay under the limit', () => {
    for (const slow of [9, 10]) {
      const log = new MessageLog(scheduleOf(1000), 0, 50);
      log.sentUpTo(1000);
      for (let k = 0; k < 1000; k++) log.ack(k, k + (k < slow ? 60 : 1));
      const predicted = log.ackP99CertainlyReaches(1000);
      expect(predicted).toBe(slow === 10);
      expect(log.outcomes(2000).ack.p99 >= 50).toBe(predicted);
    }
  });

  it('counts messages still waiting longer than the limit', () => {
    const log = new MessageLog(scheduleOf(1000), 0, 50);
    log.sentUpTo(20);
    // Nothing acknowledged yet: at t = 58, messages 0-8 have waited 50 ms or more.
    expect(log.ackP99CertainlyReaches(58)).toBe(false);
    expect(log.ackP99CertainlyReaches(59)).toBe(true);
  });
});
