// The live dashboard's rules, apart from storage: one row per team with its queue and chats in
// progress (and one for the chats of no team, when every chat is covered), each agent once with
// the covered teams they belong to, and when a watcher may hear the next snapshot.
import type { DashboardAgent, DashboardSnapshot, DashboardTicket } from '../../shared/dashboard.js';
import type { AgentStatus } from '../../shared/vocabulary.js';

export interface DashboardFacts {
  /** The teams covered, in display order; `includeNoTeam`: also the chats of no team. */
  teams: ReadonlyArray<{ id: string; name: string }>;
  includeNoTeam: boolean;
  openChats: ReadonlyArray<{
    teamId: string | null;
    status: 'waiting' | 'active';
    chats: number;
    oldestStartedAt: number | null;
  }>;
  /** One row per agent and team (teamId null: in no team). */
  agents: ReadonlyArray<{
    id: string;
    name: string;
    status: AgentStatus;
    openChats: number;
    capacity: number;
    teamId: string | null;
  }>;
  tickets: ReadonlyArray<{
    id: string;
    number: number;
    subject: string;
    teamId: string | null;
    assigneeId: string | null;
    assigneeName: string | null;
    nextDueAt: number;
  }>;
  ticketsTotal: number;
}

export const NO_TEAM_NAME = 'No team';

export function dashboardSnapshot(
  facts: DashboardFacts,
  teamIds: string[] | null,
  now: number,
): DashboardSnapshot {
  const rows = facts.teams.map((team) => ({ teamId: team.id as string | null, name: team.name }));
  if (facts.includeNoTeam) rows.push({ teamId: null, name: NO_TEAM_NAME });
  const teams = rows.map(({ teamId, name }) => {
    const of = (status: 'waiting' | 'active') =>
      facts.openChats.find((row) => row.teamId === teamId && row.status === status);
    const waiting = of('waiting');
    const oldest = waiting?.oldestStartedAt ?? null;
    return {
      teamId,
      name,
      queueLength: waiting?.chats ?? 0,
      waitingSince: oldest === null ? null : new Date(oldest).toISOString(),
      longestWaitMs: oldest === null ? null : Math.max(0, now - oldest),
      inProgress: of('active')?.chats ?? 0,
    };
  });
  const agents = new Map<string, DashboardAgent>();
  for (const row of facts.agents) {
    let agent = agents.get(row.id);
    if (!agent) {
      const { teamId: _teamId, ...rest } = row;
      agents.set(row.id, (agent = { ...rest, teamIds: [] }));
    }
    if (row.teamId !== null) agent.teamIds.push(row.teamId);
  }
  const ticketsAtRisk: DashboardTicket[] = facts.tickets.map((ticket) => ({
    ticketId: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    teamId: ticket.teamId,
    assignee:
      ticket.assigneeId === null
        ? null
        : { id: ticket.assigneeId, name: ticket.assigneeName ?? '' },
    dueAt: new Date(ticket.nextDueAt).toISOString(),
    overdue: ticket.nextDueAt <= now,
  }));
  return {
    at: new Date(now).toISOString(),
    teamIds,
    teams,
    agents: [...agents.values()],
    ticketsAtRisk,
    ticketsAtRiskTotal: facts.ticketsTotal,
  };
}

/**
 * How long to wait before computing the next snapshot for watchers last served at `lastPushAt`
 * (null: never): a burst of changes is gathered for `settleMs`, and pushes are at least
 * `intervalMs` apart.
 */
export function pushDelay(
  lastPushAt: number | null,
  now: number,
  intervalMs: number,
  settleMs: number,
): number {
  if (lastPushAt === null) return settleMs;
  return Math.max(settleMs, lastPushAt + intervalMs - now);
}
