// The agents an agent report may list, with the teams they belong to (what the report's policy
// decides a row on): those with chats in the report, and the active agents of its teams.
import { AGENT_ROLES } from '../../../shared/vocabulary.js';
import type { Db } from '../../store.js';

export interface ReportAgent {
  id: string;
  name: string;
  isActive: boolean;
  /** The teams the agent belongs to or leads. */
  teamIds: string[];
}

/**
 * `withChats` (whatever their state), and the active agents of `teamIds` (null: every active
 * agent of the desk), by name.
 */
export async function reportAgents(
  db: Db,
  options: { withChats: readonly string[]; teamIds: readonly string[] | null },
): Promise<ReportAgent[]> {
  const { withChats, teamIds } = options;
  const users = await db
    .selectFrom('users')
    .select(['id', 'name', 'is_active'])
    .where('role', 'in', [...AGENT_ROLES])
    .where((eb) => {
      const members =
        teamIds === null
          ? eb('is_active', '=', 1)
          : eb.and([
              eb('is_active', '=', 1),
              eb(
                'id',
                'in',
                eb
                  .selectFrom('team_members')
                  .select('agent_id')
                  .where('team_id', 'in', teamIds.length > 0 ? [...teamIds] : ['']),
              ),
            ]);
      return withChats.length > 0 ? eb.or([members, eb('id', 'in', [...withChats])]) : members;
    })
    .orderBy('name')
    .orderBy('id')
    .execute();
  if (users.length === 0) return [];
  const memberships = await db
    .selectFrom('team_members')
    .select(['agent_id', 'team_id'])
    .where(
      'agent_id',
      'in',
      users.map((u) => u.id),
    )
    .execute();
  return users.map((user) => ({
    id: user.id,
    name: user.name,
    isActive: user.is_active === 1,
    teamIds: memberships.filter((m) => m.agent_id === user.id).map((m) => m.team_id),
  }));
}
