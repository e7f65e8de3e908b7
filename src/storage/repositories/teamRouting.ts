// What routing per team reads besides loads and the queue: the teams of the agents who have
// room, the overflow rules that lead chats to those teams, and, for scheduling the next pass,
// each team's oldest waiting chat that has not overflowed yet.
import type { OverflowRules, TeamOverflow } from '../../domain/routing.js';
import type { Db } from '../store.js';

export interface TeamsForRouting {
  /** Each agent's teams (every agent asked about has an entry, maybe empty). */
  teamsOf: Map<string, string[]>;
  /**
   * The overflow of each team that overflows into one of those agents' teams; the others
   * cannot change what these agents are given. A fallback team that is archived takes no
   * overflow.
   */
  overflow: OverflowRules;
}

/**
 * The teams of `agentIds` and the overflow rules into them, in one statement: each membership,
 * joined to the teams that fall back to it.
 */
export async function teamsForRouting(
  db: Db,
  agentIds: readonly string[],
): Promise<TeamsForRouting> {
  const teamsOf = new Map<string, string[]>(agentIds.map((id) => [id, []]));
  const overflow = new Map<string, TeamOverflow>();
  if (agentIds.length === 0) return { teamsOf, overflow };
  const rows = await db
    .selectFrom('team_members as m')
    .innerJoin('teams as t', 't.id', 'm.team_id')
    .leftJoin('teams as o', (join) =>
      join
        .onRef('o.fallback_team_id', '=', 'm.team_id')
        .on('o.overflow_after_ms', 'is not', null)
        .on('t.archived_at', 'is', null),
    )
    .select(['m.agent_id', 'm.team_id', 'o.id as from_team_id', 'o.overflow_after_ms'])
    .where('m.agent_id', 'in', [...agentIds])
    .execute();
  for (const row of rows) {
    const teams = teamsOf.get(row.agent_id)!;
    if (!teams.includes(row.team_id)) teams.push(row.team_id);
    if (row.from_team_id !== null && row.overflow_after_ms !== null) {
      overflow.set(row.from_team_id, {
        fallbackTeamId: row.team_id,
        afterMs: Number(row.overflow_after_ms),
      });
    }
  }
  return { teamsOf, overflow };
}

/**
 * For each team of `overflow`, its oldest waiting chat that has not overflowed at `now` (started
 * less than the delay ago): the next of its chats to overflow. One statement on the teams index.
 */
export async function nextToOverflow(
  db: Db,
  overflow: OverflowRules,
  now: number,
): Promise<Array<{ teamId: string; startedAt: number }>> {
  if (overflow.size === 0) return [];
  const rows = await db
    .selectFrom('chat_sessions')
    .select((eb) => ['team_id', eb.fn.min<number>('started_at').as('started_at')])
    .where('status', '=', 'waiting')
    .where((eb) =>
      eb.or(
        [...overflow].map(([teamId, rule]) =>
          eb.and([eb('team_id', '=', teamId), eb('started_at', '>', now - rule.afterMs)]),
        ),
      ),
    )
    .groupBy('team_id')
    .execute();
  return rows.map((row) => ({ teamId: row.team_id!, startedAt: Number(row.started_at) }));
}
