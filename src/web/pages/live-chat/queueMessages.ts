// What a waiting customer reads about their place in the queue, in whole sentences, from the
// server's queue position. Pure, so every case is unit-tested.
import type { QueuePosition } from '../../../shared/api.js';
import { formatWaitEstimate } from '../../format/time.js';

export interface QueueMessages {
  position: string;
  /** About the wait; null when the "nobody online" notice says all there is to say. */
  wait: string | null;
  nobodyOnline: boolean;
}

export function queueMessages(queue: QueuePosition): QueueMessages {
  const position =
    queue.position === 1
      ? "You're next in the queue"
      : `You're number ${queue.position} in the queue`;
  const nobodyOnline = queue.agentsOnline === 0;
  return { position, wait: waitSentence(queue, nobodyOnline), nobodyOnline };
}

function waitSentence(queue: QueuePosition, nobodyOnline: boolean): string | null {
  if (queue.estimatedWaitSeconds !== null)
    return `Estimated wait: ${formatWaitEstimate(queue.estimatedWaitSeconds)}.`;
  if (nobodyOnline) return null;
  // Online agents who pick chats by hand give no pace to estimate from.
  if (queue.agentsAvailable === 0)
    return 'An agent is online and will pick up your chat as soon as they can.';
  return "We can't estimate the wait yet; an agent will be with you as soon as possible.";
}
