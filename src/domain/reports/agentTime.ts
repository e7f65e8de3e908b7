// Agents' time in each status over a range, and their utilisation (docs/reports.md, "Agents").
// Pure: the range's end is clipped to `now`, which the caller passes from its clock, so time
// that has not happened yet is never counted. Durations are real elapsed milliseconds, so a
// range over a night when clocks change counts the hours that actually passed (23 or 25).
import type { AgentStatus } from '../../shared/vocabulary.js';

export interface StatusChange {
  /** When `status` began, epoch milliseconds. */
  at: number;
  status: AgentStatus;
  /** The agent's max concurrent chats from `at` on. */
  capacity: number;
}

/** What time in each status needs of a change: not its capacity. */
export type StatusSpanStart = Pick<StatusChange, 'at' | 'status'>;

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
 * The spans of [from, min(to, now)) each change covers, in order: `changes` in any order; the
 * last one at or before `from` gives the status (and capacity) the range begins in, and each
 * lasts until the next (the last one until the range's end). Time before the first change on
 * record is offline with no capacity: nothing says otherwise. The spans add up to the elapsed
 * range; two changes at the same instant keep the later one given.
 */
function spans<C extends StatusSpanStart>(
  changes: readonly C[],
  range: { from: number; to: number },
  now: number,
): { change: C | undefined; ms: number }[] {
  const { from, to } = elapsedRange(range, now);
  const sorted = [...changes].sort((a, b) => a.at - b.at);
  const out: { change: C | undefined; ms: number }[] = [];
  let current: C | undefined;
  let since = from;
  for (const change of sorted) {
    if (change.at >= to) break;
    if (change.at > since) {
      out.push({ change: current, ms: change.at - since });
      since = change.at;
    }
    current = change;
  }
  out.push({ change: current, ms: to - since });
  return out;
}

/**
 * The time one agent spent in each status within [from, min(to, now)) (the spans above). An
 * agent who never went online is offline throughout. The four add up to the elapsed range.
 */
export function timeInStatus(
  changes: readonly StatusSpanStart[],
  range: { from: number; to: number },
  now: number,
): StatusTime {
  const time = noStatusTime();
  for (const { change, ms } of spans(changes, range, now)) {
    time[FIELD[change?.status ?? 'offline']] += ms;
  }
  return time;
}

const AVAILABLE: ReadonlySet<AgentStatus> = new Set(['online', 'busy']);

/**
 * The chat slots an agent offered within [from, min(to, now)): Σ over the spans they were online
 * or busy of the span's length × the max concurrent chats in force then, in slot-milliseconds.
 * A maximum raised at noon counts the new one from noon only.
 */
export function availableSlotMs(
  changes: readonly StatusChange[],
  range: { from: number; to: number },
  now: number,
): number {
  let slots = 0;
  for (const { change, ms } of spans(changes, range, now)) {
    if (change && AVAILABLE.has(change.status)) slots += ms * Math.max(0, change.capacity);
  }
  return slots;
}

/**
 * Utilisation: the chats the agent held against the slots they offered while available,
 * Σ (length of each open-chat interval within the range) ÷ Σ (each online or busy span × the
 * capacity then) (availableSlotMs). 1 means every slot was taken the whole time they were
 * available; null when they offered none (never available, or no capacity). Not capped: chats
 * kept while away (before they are requeued) count held and not available, so it can pass 1.
 */
export function utilisation(heldMs: number, slotMs: number): number | null {
  if (slotMs <= 0) return null;
  return heldMs / slotMs;
}
