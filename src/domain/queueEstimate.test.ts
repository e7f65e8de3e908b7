import { describe, expect, it } from 'vitest';
import {
  estimateWaitSeconds,
  MIN_MEASURED_MS,
  serviceRate,
  type WaitEstimateInput,
} from './queueEstimate.js';

const MINUTE = 60_000;

/** Two agents with two slots each, all busy, chats lasting 10 minutes; the queue just formed. */
const base: WaitEstimateInput = {
  position: 1,
  agentsOnline: 2,
  onlineCapacity: 4,
  freeSlots: 0,
  averageHandleSeconds: 600,
  backedUp: { assignments: 0, ms: 0 },
  sinceLastMoveMs: 0,
};

describe('serviceRate', () => {
  it('measures the pace from assignments made while the queue stayed backed up', () => {
    expect(serviceRate({ ...base, backedUp: { assignments: 12, ms: 6 * MINUTE } })).toBeCloseTo(
      12 / 360,
    );
  });

  it('does not take a short or thin measurement for a pace', () => {
    const fromCapacity = 4 / 600;
    expect(serviceRate({ ...base, backedUp: { assignments: 2, ms: 20 * MINUTE } })).toBeCloseTo(
      fromCapacity,
    );
    expect(
      serviceRate({ ...base, backedUp: { assignments: 50, ms: MIN_MEASURED_MS - 1 } }),
    ).toBeCloseTo(fromCapacity);
  });

  it('knows no pace without a backed-up queue or any handle time', () => {
    expect(serviceRate({ ...base, averageHandleSeconds: null })).toBeNull();
    expect(serviceRate({ ...base, onlineCapacity: 0 })).toBeNull();
  });
});

describe('estimateWaitSeconds', () => {
  it('cannot tell when nobody is on duty', () => {
    expect(
      estimateWaitSeconds({ ...base, agentsOnline: 0, onlineCapacity: 0, freeSlots: 0 }),
    ).toBeNull();
  });

  it('is zero when a free slot is waiting for this chat', () => {
    expect(estimateWaitSeconds({ ...base, position: 2, freeSlots: 2 })).toBe(0);
  });

  it('says it cannot tell rather than guess when there is no pace yet', () => {
    expect(estimateWaitSeconds({ ...base, averageHandleSeconds: null })).toBeNull();
    // Agents who take chats by hand, and no backed-up history to measure them by.
    expect(estimateWaitSeconds({ ...base, onlineCapacity: 0, freeSlots: 0 })).toBeNull();
  });

  it('grows with the chats still to be served and shrinks with capacity', () => {
    // Four slots freeing once per 600 s: one every 150 s.
    expect(estimateWaitSeconds({ ...base, position: 4 })).toBe(600);
    expect(estimateWaitSeconds({ ...base, position: 4, onlineCapacity: 8 })).toBe(300);
    expect(estimateWaitSeconds({ ...base, position: 5, freeSlots: 1 })).toBe(600);
  });

  it('goes by the measured pace, which counts agents taking chats by hand too', () => {
    const manual = { ...base, onlineCapacity: 0, averageHandleSeconds: null };
    // Ten chats taken in the last 20 minutes of a backed-up queue: one every 2 minutes.
    const input = { ...manual, position: 3, backedUp: { assignments: 10, ms: 20 * MINUTE } };
    expect(estimateWaitSeconds(input)).toBe(360);
  });

  it('counts down while the customer waits, and never promises "now" once overdue', () => {
    const input = { ...base, position: 2 }; // 300 s from the last move
    const at = (ms: number) => estimateWaitSeconds({ ...input, sinceLastMoveMs: ms });
    expect(at(0)).toBe(300);
    expect(at(MINUTE)).toBe(240);
    expect(at(3 * MINUTE)).toBe(120);
    // Overdue: a quarter of the interval, not zero and not frozen at the start value.
    expect(at(10 * MINUTE)).toBe(75);
  });
});
