import { describe, expect, it } from 'vitest';
import { estimateWaitSeconds } from './queueEstimate.js';

describe('estimateWaitSeconds', () => {
  it('cannot tell when nobody is online', () => {
    expect(
      estimateWaitSeconds({
        position: 1,
        averageHandleSeconds: 300,
        onlineCapacity: 0,
        freeSlots: 0,
      }),
    ).toBeNull();
  });

  it('is zero when a free slot is waiting for this chat', () => {
    expect(
      estimateWaitSeconds({
        position: 2,
        averageHandleSeconds: 300,
        onlineCapacity: 5,
        freeSlots: 2,
      }),
    ).toBe(0);
  });

  it('grows with the slots still needed and shrinks with capacity', () => {
    const input = { position: 4, averageHandleSeconds: 300, freeSlots: 0 };
    expect(estimateWaitSeconds({ ...input, onlineCapacity: 2 })).toBe(600);
    expect(estimateWaitSeconds({ ...input, onlineCapacity: 4 })).toBe(300);
  });

  it('cannot tell without history when no slot is free', () => {
    expect(
      estimateWaitSeconds({
        position: 1,
        averageHandleSeconds: null,
        onlineCapacity: 3,
        freeSlots: 0,
      }),
    ).toBeNull();
  });
});
