// The chat metrics of one chat (docs/reports.md defines each): durations in milliseconds, or
// null where the metric does not apply to this chat (yet).
import type { ChatFacts } from './chatFacts.js';

export interface ChatMeasures {
  /** Start to first assignment. */
  waitMs: number | null;
  /** First assignment to the first agent message; transfers and requeues do not restart it. */
  firstResponseMs: number | null;
  /** First assignment to end, for ended chats. */
  handleMs: number | null;
  /** Ended before any agent was assigned. */
  abandoned: boolean;
  /** Ended after an assignment without any agent message. */
  unanswered: boolean;
  transfers: number;
  rating: number | null;
}

const between = (from: number | null, to: number | null): number | null =>
  from === null || to === null ? null : Math.max(0, to - from);

export function measureChat(facts: ChatFacts): ChatMeasures {
  const assigned = facts.firstAssignedAt !== null;
  const ended = facts.endedAt !== null;
  return {
    waitMs: between(facts.startedAt, facts.firstAssignedAt),
    firstResponseMs: between(facts.firstAssignedAt, facts.firstResponseAt),
    handleMs: between(facts.firstAssignedAt, facts.endedAt),
    abandoned: ended && !assigned,
    unanswered: ended && assigned && facts.firstResponseAt === null,
    transfers: facts.transfers,
    rating: facts.rating,
  };
}
