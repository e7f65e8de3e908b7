// What the routing scenario's fairness spread means, on small cases.
import { expect, it } from 'vitest';
import { fairnessSpread } from './fairness.js';

const agents = (maxes: number[], open: number[]) =>
  maxes.map((max, i) => ({ max, open: open[i]! }));

it('is 0 when every agent holds their water-filling share', () => {
  // 7 chats over max 1, 10, 10: level 3 places 1 + 3 + 3.
  expect(fairnessSpread(agents([1, 10, 10], [1, 3, 3]))).toBe(0);
  // 8 chats: level 3 places 7, the eighth goes to either agent with room.
  expect(fairnessSpread(agents([1, 10, 10], [1, 4, 3]))).toBe(0);
});

it('counts how many chats the worst-served agent is away from that share', () => {
  expect(fairnessSpread(agents([1, 10, 10], [1, 2, 4]))).toBe(1);
  expect(fairnessSpread(agents([1, 10, 10], [1, 0, 6]))).toBe(3);
});

it('cannot judge agents who are all full, which is why the scenario judges a wave below capacity', () => {
  expect(fairnessSpread(agents([1, 5, 10], [1, 5, 10]))).toBe(0);
});
