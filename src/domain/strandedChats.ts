// When an agent counts as gone, and when the chats of an agent who is gone go back to the queue,
// so that no customer waits on someone who left. Times are epoch milliseconds; `now` is the
// caller's clock.
import type { AgentStatus } from '../shared/vocabulary.js';

/**
 * Why the system set an agent away: every socket of theirs was gone for the grace period (or
 * none ever opened since they went online), or they signed out of their last sign-in.
 */
export type AwayReason = 'disconnected' | 'signed_out';

export interface AgentPresence {
  status: AgentStatus;
  /** Null when the agent chose their status themselves. */
  awayReason: AwayReason | null;
  /** When the status last changed. */
  statusChangedAt: number;
  /** When their last socket closed; null while connected or if none ever closed. */
  lastDisconnectedAt: number | null;
  /** Some live node holds a socket of theirs. */
  connected: boolean;
  /**
   * Some node's presence rows name them, live or not: a node that died holding their socket is
   * forgotten by housekeeping, which dates their disconnection from its last heartbeat.
   */
  listedOnANode: boolean;
}

/**
 * Since when the agent has had no socket anywhere, as far as their status is concerned: their
 * last socket's closing, or the status change if that came later (an agent who went online
 * without connecting has been gone since then). Null while connected, or while a node that
 * died with their socket is not forgotten yet.
 */
export function goneSince(agent: AgentPresence): number | null {
  if (agent.connected) return null;
  if (agent.lastDisconnectedAt === null && agent.listedOnANode) return null;
  return Math.max(agent.lastDisconnectedAt ?? agent.statusChangedAt, agent.statusChangedAt);
}

/** An online or busy agent gone for the whole grace period is set away: routing skips them. */
export function shouldSetAway(agent: AgentPresence, now: number, graceMs: number): boolean {
  if (agent.status !== 'online' && agent.status !== 'busy') return false;
  const since = goneSince(agent);
  return since !== null && now - since >= graceMs;
}

/**
 * The moment the chats of an agent the system set away go back to the queue: `delayMs` after
 * they were set away or last disconnected, whichever is later (an agent who came back within
 * the delay and left again gets the delay afresh). Null when their chats stay theirs: the delay
 * is 0 (disabled), the agent is connected, or chose their status themselves.
 */
export function chatsReturnAt(agent: AgentPresence, delayMs: number): number | null {
  if (delayMs <= 0 || agent.awayReason === null) return null;
  if (agent.status !== 'away' && agent.status !== 'offline') return null;
  const since = goneSince(agent);
  return since === null ? null : since + delayMs;
}

export function shouldReturnChats(agent: AgentPresence, now: number, delayMs: number): boolean {
  const at = chatsReturnAt(agent, delayMs);
  return at !== null && now >= at;
}
