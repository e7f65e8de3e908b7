// What a team lead's "My teams" view reads from the lists it fetches: the order of each team's
// chats and the line that says how long each has waited. Pure, so it is unit tested.
import type { SessionView } from '../../../shared/api.js';
import { formatDuration, secondsBetween } from '../../format/time.js';

/**
 * A team's open chats as a lead reads them, longest waiting first: waiting chats by how long
 * they have been in the queue, then active ones by how long their customer has waited for a
 * reply (the answered ones last, oldest first).
 */
export function longestWaitingFirst(sessions: readonly SessionView[]): SessionView[] {
  const waitingSince = (s: SessionView) => (s.status === 'waiting' ? s.startedAt : null);
  return [...sessions].sort(
    (a, b) =>
      compareTimes(waitingSince(a), waitingSince(b)) ||
      compareTimes(a.awaitingAgentSince, b.awaitingAgentSince) ||
      Date.parse(a.startedAt) - Date.parse(b.startedAt),
  );
}

/** Earlier first; null (not waiting) last. */
function compareTimes(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return Date.parse(a) - Date.parse(b);
}

/**
 * How long a chat has waited, in words: in the queue since it started, or with its agent since
 * the customer's last unanswered message ("Customer waiting 4 min"), else since the last message.
 */
export function teamChatWait(session: SessionView, now: number): string {
  if (session.status === 'waiting') {
    return `Waiting ${formatDuration(secondsBetween(session.startedAt, now))}`;
  }
  if (session.awaitingAgentSince !== null) {
    return `Customer waiting ${formatDuration(secondsBetween(session.awaitingAgentSince, now))}`;
  }
  const last = session.lastMessageAt ?? session.startedAt;
  return `Answered, last message ${formatDuration(secondsBetween(last, now))} ago`;
}
