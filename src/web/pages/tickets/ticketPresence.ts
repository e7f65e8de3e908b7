// What the desk's ticket page knows of colleagues on the same ticket (collision detection): each
// one's latest state and when it was heard. A colleague not heard of for TICKET_PRESENCE_TTL_MS
// is gone (their tab closed without a word, or their node died); one who left is gone at once.
import type { Person } from '../../../shared/api.js';
import {
  TICKET_PRESENCE_TTL_MS,
  type ServerFrame,
  type TicketPresenceState,
} from '../../../shared/protocol.js';

export interface Colleague {
  user: Person;
  state: Exclude<TicketPresenceState, 'left'>;
  heardAt: number;
}

export type Colleagues = ReadonlyMap<string, Colleague>;

type PresenceFrame = Extract<ServerFrame, { type: 'ticket.presence' }>;

export function colleaguesAfter(
  colleagues: Colleagues,
  frame: PresenceFrame,
  now: number,
): Colleagues {
  const next = new Map(colleagues);
  if (frame.state === 'left') next.delete(frame.user.id);
  else next.set(frame.user.id, { user: frame.user, state: frame.state, heardAt: now });
  return next;
}

/** The colleagues still there at `now`, writers first, then by name. */
export function colleaguesAt(colleagues: Colleagues, now: number): Colleague[] {
  return [...colleagues.values()]
    .filter((c) => now - c.heardAt < TICKET_PRESENCE_TTL_MS)
    .sort(
      (a, b) =>
        Number(b.state === 'replying') - Number(a.state === 'replying') ||
        a.user.name.localeCompare(b.user.name),
    );
}

const names = (people: readonly Colleague[]): string => {
  const all = people.map((c) => c.user.name);
  return all.length <= 1 ? (all[0] ?? '') : `${all.slice(0, -1).join(', ')} and ${all.at(-1)}`;
};

/** "Kofi is writing a reply. Esi is also looking at this ticket." — or null with nobody there. */
export function presenceText(colleagues: readonly Colleague[]): string | null {
  const writing = colleagues.filter((c) => c.state === 'replying');
  const looking = colleagues.filter((c) => c.state === 'viewing');
  const parts: string[] = [];
  if (writing.length > 0)
    parts.push(`${names(writing)} ${writing.length === 1 ? 'is' : 'are'} writing on it.`);
  if (looking.length > 0)
    parts.push(
      `${names(looking)} ${looking.length === 1 ? 'is' : 'are'} also looking at this ticket.`,
    );
  return parts.length > 0 ? parts.join(' ') : null;
}
