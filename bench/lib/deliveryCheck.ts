// The help desk scenario's end-of-run check: every acknowledged message reached the subscription
// of the other side exactly once, and each side heard the other's messages in the order sent.
import type { Subscription } from './deskClient.js';

export interface Expectation {
  /** `…-c3` (the customer's fourth message) or `…-a3` (the agent's): the round is the order sent. */
  clientId: string;
  /** The other side's subscription, which must receive it exactly once. */
  receiver: Subscription;
}

export interface DeliveryCheck {
  acknowledged: number;
  deliveredOnce: number;
  /** Acknowledged and never delivered to the other side. */
  lost: number;
  /** Delivered to one subscription more than once. */
  duplicated: number;
  /** Messages of one sender that reached a subscription out of the order sent. */
  outOfOrder: number;
  /** Events whose seq was not above the subscription's previous one. */
  seqViolations: number;
  /** The first few seq violations, described. */
  seqProblems: string[];
}

const roundOf = (clientId: string) => Number(/-[ca](\d+)$/.exec(clientId)?.[1] ?? NaN);

export function checkDeliveries(expected: readonly Expectation[]): DeliveryCheck {
  let deliveredOnce = 0;
  let lost = 0;
  let duplicated = 0;
  const expectedFor = new Map<Subscription, Set<string>>();
  for (const { clientId, receiver } of expected) {
    const ids = expectedFor.get(receiver) ?? new Set<string>();
    expectedFor.set(receiver, ids);
    ids.add(clientId);
    const times = receiver.received.get(clientId) ?? 0;
    if (times === 1) deliveredOnce += 1;
    else if (times === 0) lost += 1;
    else duplicated += 1;
  }
  let outOfOrder = 0;
  let seqViolations = 0;
  const seqProblems: string[] = [];
  for (const [receiver, ids] of expectedFor) {
    seqViolations += receiver.seqViolations;
    if (seqProblems.length < 10) seqProblems.push(...receiver.seqProblems);
    // What this side heard from the other, in the order heard: rounds must rise.
    let last = -1;
    for (const clientId of receiver.order.filter((id) => ids.has(id))) {
      const round = roundOf(clientId);
      if (!(round > last)) outOfOrder += 1;
      last = round;
    }
  }
  return {
    acknowledged: expected.length,
    deliveredOnce,
    lost,
    duplicated,
    outOfOrder,
    seqViolations,
    seqProblems,
  };
}
