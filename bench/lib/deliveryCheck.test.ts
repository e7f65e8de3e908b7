import { describe, expect, it } from 'vitest';
import { checkDeliveries } from './deliveryCheck.js';
import { Subscription } from './deskClient.js';

/** A session.event of a message, as the server sends it. */
const message = (seq: number, clientId: string) => ({
  type: 'session.event' as const,
  sessionId: 's',
  seq,
  event: { kind: 'message.created', message: { clientId, type: 'text', seq } },
});

describe('checkDeliveries', () => {
  it('passes every message heard once, in order, seqs rising (gaps allowed)', () => {
    const agent = new Subscription(1);
    agent.handle(message(2, 'x-1-c0'));
    agent.handle(message(4, 'x-1-a0')); // the agent's own echo: not expected of this side
    agent.handle(message(6, 'x-1-c1'));
    const check = checkDeliveries([
      { clientId: 'x-1-c0', receiver: agent },
      { clientId: 'x-1-c1', receiver: agent },
    ]);
    expect(check).toEqual({
      acknowledged: 2,
      deliveredOnce: 2,
      lost: 0,
      duplicated: 0,
      outOfOrder: 0,
      seqViolations: 0,
      seqProblems: [],
    });
  });

  it('counts a lost, a repeated and a reordered message', () => {
    const agent = new Subscription(0);
    agent.handle(message(1, 'x-1-c1'));
    agent.handle(message(2, 'x-1-c0'));
    agent.handle(message(2, 'x-1-c0'));
    const check = checkDeliveries([
      { clientId: 'x-1-c0', receiver: agent },
      { clientId: 'x-1-c1', receiver: agent },
      { clientId: 'x-1-c2', receiver: agent },
    ]);
    expect(check).toMatchObject({ deliveredOnce: 1, lost: 1, duplicated: 1, seqViolations: 1 });
    expect(check.outOfOrder).toBeGreaterThan(0);
  });
});

describe('Subscription.message', () => {
  it('resolves once the message arrives, or at once when it already has', async () => {
    const customer = new Subscription(0);
    let arrived = false;
    const waiting = customer.message('x-1-a0').then(() => (arrived = true));
    customer.handle(message(1, 'x-1-c0'));
    await Promise.resolve();
    expect(arrived).toBe(false);
    customer.handle(message(2, 'x-1-a0'));
    await waiting;
    expect(arrived).toBe(true);
    await customer.message('x-1-a0');
  });
});
