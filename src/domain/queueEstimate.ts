// How long a waiting customer should expect to wait, from the pace at which the queue has been
// served while it was backed up, or else from who is on duty and how long chats take, and from
// how long it has been since the queue last moved. Never a made-up number: "cannot tell" is null.

export interface WaitEstimateInput {
  /** 1-based place in the queue. */
  position: number;
  /** Online agents, including those who take chats by hand; 0 means nobody is on duty. */
  agentsOnline: number;
  /** Sum of max concurrent chats over agents who accept new chats automatically now. */
  onlineCapacity: number;
  /** Free slots right now among those agents. */
  freeSlots: number;
  /** Average seconds an agent spends on a chat lately; null when there is no history. */
  averageHandleSeconds: number | null;
  /**
   * Chats taken from the queue (routed or by hand) while it has been backed up without a break:
   * since the oldest chat still waiting started, looking back at most the measuring window.
   */
  backedUp: { assignments: number; ms: number };
  /**
   * Milliseconds since the queue last moved for this customer: the latest assignment from the
   * queue, or the customer's own start if that came later.
   */
  sinceLastMoveMs: number;
}

/** A backed-up queue measured for less than this, or served fewer times, gives no pace. */
export const MIN_MEASURED_MS = 2 * 60_000;
export const MIN_MEASURED_ASSIGNMENTS = 3;

/**
 * Chats served per second. While the queue has been backed up, assignments happen exactly as
 * fast as agents can take chats, so their measured rate is the pace (it includes agents who
 * take chats by hand). A queue that was empty part of the time measures how often customers
 * came, not how fast agents serve: then the pace is the auto-assign capacity on duty now over
 * the recent handle time (each slot frees once per handle time). Otherwise it is unknown.
 */
export function serviceRate(input: WaitEstimateInput): number | null {
  const { assignments, ms } = input.backedUp;
  if (ms >= MIN_MEASURED_MS && assignments >= MIN_MEASURED_ASSIGNMENTS) {
    return assignments / (ms / 1000);
  }
  if (input.onlineCapacity > 0 && input.averageHandleSeconds && input.averageHandleSeconds > 0) {
    return input.onlineCapacity / input.averageHandleSeconds;
  }
  return null;
}

/**
 * Seconds left to wait, or null when it cannot be told (nobody on duty, or no pace to go by
 * yet). With a free slot for this chat the wait is about to end (0). Otherwise the customer
 * needs `position - freeSlots` more chats served at the pace, counted from when the queue last
 * moved, so the estimate counts down while they wait instead of standing still; once overdue it
 * stays at a quarter of the full interval rather than promising "now".
 */
export function estimateWaitSeconds(input: WaitEstimateInput): number | null {
  if (input.agentsOnline <= 0) return null;
  if (input.onlineCapacity > 0 && input.freeSlots >= input.position) return 0;
  const rate = serviceRate(input);
  if (rate === null || rate <= 0) return null;
  const fullSeconds = (input.position - Math.max(0, input.freeSlots)) / rate;
  const left = fullSeconds - input.sinceLastMoveMs / 1000;
  return Math.round(Math.max(left, fullSeconds / 4));
}
