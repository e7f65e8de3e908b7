// Agents' time in each status over a range, and their utilisation (docs/reports.md, "Agents").
// Pure: the range's end is clipped to `now`, which the caller passes from its clock, so time
// that has not happened yet is never counted. Durations are real elapsed milliseconds, so a
// range over a night when clocks change counts the hours that actually passed (23 or 25).
import type { AgentStatus } from '../../shared/vocabulary.js';

export interface StatusChange {
  /** When `status` began, epoch milliseconds. */
  at: number;
  status: AgentStatus;
}

export interface StatusTime {
  onlineMs: number;
  busyMs: number;
  awayMs: number;
  offlineMs: number;
}

const FIELD: Record<AgentStatus, keyof StatusTime> = {
  online: 'onlineMs',
  busy: 'busyMs',
  away: 'awayMs',
  offline: 'offlineMs',
};

export const noStatusTime = (): StatusTime => ({ onlineMs: 0, busyMs: 0, awayMs: 0, offlineMs: 0 });

/** [from, min(to, now)): the part of a report's range that has happened; empty when none has. */
export function elapsedRange(range: { from: number; to: number }, now: number) {
  return { from: range.from, to: Math.max(range.from, Math.min(range.to, now)) };
}

/** The length of [start, end) inside [from, to), 0 when they do not meet. */
export function overlapMs(start: number, end: number, range: { from: number; to: number }): number {
  return Math.max(0, Math.min(end, range.to) - Math.max(start, range.from));
}

/**
 * The time one agent spent in each status within [from, min(to, now)). `changes` are the
 * agent's status changes in any order; the last one at or before `from` gives the status the
 * range begins in, and each change lasts until the next (the last one until the range's end).
 * Time before the first change on record counts as offline: nothing says otherwise (an agent
 * who never went online is offline throughout). The four add up to the elapsed range.
 */
export function timeInStatus(
  changes: readonly StatusChange[],
  range: { from: number; to: number },
  now: number,
): StatusTime {
  const { from, to } = elapsedRange(range, now);
  const time = noStatusTime();
  const sorted = [...changes].sort((a, b) => a.at - b.at);
  let status: AgentStatus = 'offline';
  let since = from;
  for (const change of sorted) {
    if (change.at >= to) break;
    if (change.at > since) {
      time[FIELD[status]] += change.at - since;
      since = change.at;
    }
    status = change.status;
  }
  time[FIELD[status]] += to - since;
  return time;
}

/**
 * Utilisation: the chats the agent held against what they could hold while available,
 * Σ (length of each open-chat interval within the range) ÷ ((online + busy time) × capacity),
 * with capacity their max concurrent chats. 1 means every slot was taken the whole time they
 * were available; null when they were never available or have no capacity. Not capped: chats
 * kept while away (before they are requeued) count held and not available, so it can pass 1.
 */
export function utilisation(heldMs: number, time: StatusTime, capacity: number): number | null {
  const available = time.onlineMs + time.busyMs;
  if (available <= 0 || capacity <= 0) return null;
  return heldMs / (available * capacity);
}
