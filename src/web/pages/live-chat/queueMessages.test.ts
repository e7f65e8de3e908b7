import { describe, expect, it } from 'vitest';
import type { QueuePosition } from '../../../shared/api.js';
import { queueMessages } from './queueMessages.js';

const queue = (fields: Partial<QueuePosition>): QueuePosition => ({
  sessionId: 's1',
  position: 1,
  estimatedWaitSeconds: 240,
  agentsAvailable: 1,
  agentsOnline: 1,
  ...fields,
});

describe('queueMessages', () => {
  it('gives the place in the queue and the estimated wait', () => {
    expect(queueMessages(queue({ position: 3 }))).toEqual({
      position: "You're number 3 in the queue",
      wait: 'Estimated wait: about 4 minutes.',
      nobodyOnline: false,
    });
    expect(queueMessages(queue({})).position).toBe("You're next in the queue");
  });

  it('says so in its own sentence when the wait cannot be estimated', () => {
    expect(queueMessages(queue({ estimatedWaitSeconds: null })).wait).toBe(
      "We can't estimate the wait yet; an agent will be with you as soon as possible.",
    );
  });

  it('does not claim nobody is online while agents who take chats by hand are', () => {
    const messages = queueMessages(
      queue({ estimatedWaitSeconds: null, agentsAvailable: 0, agentsOnline: 2 }),
    );
    expect(messages.nobodyOnline).toBe(false);
    expect(messages.wait).toBe(
      'An agent is online and will pick up your chat as soon as they can.',
    );
  });

  it('leaves the wait to the notice when nobody is online', () => {
    expect(
      queueMessages(queue({ estimatedWaitSeconds: null, agentsAvailable: 0, agentsOnline: 0 })),
    ).toMatchObject({ wait: null, nobodyOnline: true });
  });
});
