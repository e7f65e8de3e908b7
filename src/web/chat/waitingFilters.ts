// The Waiting tab's filters: everything, each team's queue, and the chats of no team. An agent
// sees their own teams first (even with nobody waiting in them, so the filter does not move
// under their hand), then any other team with chats waiting, then "No team"; every option
// counts its chats. The list keeps routing order; a chat's queue position is its team's.
import type { SessionView } from '../../shared/api.js';

export const ALL = 'all';
export const NO_TEAM = 'none';

export interface WaitingFilter {
  /** ALL, NO_TEAM or a team's id. */
  id: string;
  label: string;
  count: number;
}

type Waiting = Pick<SessionView, 'team'>;
type NamedTeam = { id: string; name: string };

const byName = (a: NamedTeam, b: NamedTeam) => a.name.localeCompare(b.name);

/** The filters to offer; none (an empty list) when nothing waiting has a team and `mine` is empty. */
export function waitingFilters(
  waiting: readonly Waiting[],
  mine: readonly NamedTeam[],
): WaitingFilter[] {
  const counts = new Map<string, number>();
  const others = new Map<string, NamedTeam>();
  for (const { team } of waiting) {
    const key = team?.id ?? NO_TEAM;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (team && !mine.some((t) => t.id === team.id)) others.set(team.id, team);
  }
  const teams = [...[...mine].sort(byName), ...[...others.values()].sort(byName)];
  if (teams.length === 0) return [];
  return [
    { id: ALL, label: 'All', count: waiting.length },
    ...teams.map((team) => ({ id: team.id, label: team.name, count: counts.get(team.id) ?? 0 })),
    ...(counts.has(NO_TEAM)
      ? [{ id: NO_TEAM, label: 'No team', count: counts.get(NO_TEAM)! }]
      : []),
  ];
}

/** The chats `filter` shows, in the order given (routing order). */
export function applyWaitingFilter<T extends Waiting>(waiting: readonly T[], filter: string): T[] {
  if (filter === ALL) return [...waiting];
  if (filter === NO_TEAM) return waiting.filter((s) => s.team === null);
  return waiting.filter((s) => s.team?.id === filter);
}

/** "Next in queue", "No. 3 in Finance": a waiting chat's place, named by its team's queue. */
export function queuePlaceLabel(position: number, team: NamedTeam | null): string {
  const queue = team ? team.name : 'queue';
  return position === 1 ? `Next in ${queue}` : `No. ${position} in ${queue}`;
}
