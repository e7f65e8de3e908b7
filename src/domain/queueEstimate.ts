// How long a waiting customer should expect to wait, from recent history and who is on duty.

export interface WaitEstimateInput {
  /** 1-based place in the queue. */
  position: number;
  /** Average seconds an agent spends on a chat lately; null when there is no history. */
  averageHandleSeconds: number | null;
  /** Sum of max concurrent chats over agents who accept new chats now. */
  onlineCapacity: number;
  /** Free slots right now among those agents. */
  freeSlots: number;
}

/**
 * Null means "cannot tell" (nobody online, or no history yet). With free slots the chat is
 * about to be routed, so the wait is near zero; otherwise slots free up at a rate of
 * capacity / handle time, and the customer needs `position` of them.
 */
export function estimateWaitSeconds(input: WaitEstimateInput): number | null {
  if (input.onlineCapacity <= 0) return null;
  if (input.freeSlots >= input.position) return 0;
  if (input.averageHandleSeconds === null) return null;
  const slotsNeeded = input.position - input.freeSlots;
  return Math.round((slotsNeeded * input.averageHandleSeconds) / input.onlineCapacity);
}
