// Queries on teams and their members: the teams with their people, who leads what, and whether
// a team is still referred to (by chats or topics) so that it must be archived, not deleted.
import type { TeamRow } from '../schema.js';
import type { Db } from '../store.js';
import type { PersonRecord } from './people.js';

export interface TeamMemberRecord {
  agent: PersonRecord;
  isLead: boolean;
}

export interface TeamRecord {
  row: TeamRow;
  /** Agents by name; accounts no longer agents (demoted, disabled) are left out. */
  members: TeamMemberRecord[];
  /** The team its chats overflow to (`row.fallback_team_id`), named; null without overflow. */
  fallback: { id: string; name: string } | null;
  /** The business calendar of its opening hours (`row.calendar_id`), named; null: always open. */
  openingHours: { id: string; name: string } | null;
}

/** The teams with their members, by name; archived ones only when asked. */
export async function listTeams(
  db: Db,
  options: { includeArchived: boolean; ids?: readonly string[] },
): Promise<TeamRecord[]> {
  if (options.ids?.length === 0) return [];
  let query = db
    .selectFrom('teams')
    .leftJoin('teams as f', 'f.id', 'teams.fallback_team_id')
    .leftJoin('business_calendars as c', 'c.id', 'teams.calendar_id')
    .selectAll('teams')
    .select(['f.name as fallback_name', 'c.name as calendar_name'])
    .orderBy('teams.name')
    .orderBy('teams.id');
  if (!options.includeArchived) query = query.where('teams.archived_at', 'is', null);
  if (options.ids) query = query.where('teams.id', 'in', [...options.ids]);
  const rows = await query.execute();
  const members = await membersOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map(({ fallback_name, calendar_name, ...row }) => ({
    row,
    members: members.get(row.id) ?? [],
    fallback:
      row.fallback_team_id !== null && fallback_name !== null
        ? { id: row.fallback_team_id, name: fallback_name }
        : null,
    openingHours:
      row.calendar_id !== null && calendar_name !== null
        ? { id: row.calendar_id, name: calendar_name }
        : null,
  }));
}

export async function findTeam(db: Db, id: string): Promise<TeamRecord | undefined> {
  const [team] = await listTeams(db, { includeArchived: true, ids: [id] });
  return team;
}

async function membersOf(
  db: Db,
  teamIds: readonly string[],
): Promise<Map<string, TeamMemberRecord[]>> {
  const byTeam = new Map<string, TeamMemberRecord[]>(teamIds.map((id) => [id, []]));
  if (teamIds.length === 0) return byTeam;
  const rows = await db
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.agent_id')
    .select(['m.team_id', 'm.is_lead', 'u.id', 'u.name', 'u.email', 'u.role'])
    .where('m.team_id', 'in', [...teamIds])
    .where('u.role', 'in', ['admin', 'super_admin'])
    .where('u.is_active', '=', 1)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
  for (const { team_id, is_lead, ...agent } of rows) {
    byTeam.get(team_id)?.push({ agent, isLead: is_lead === 1 });
  }
  return byTeam;
}

export async function insertTeam(db: Db, row: TeamRow): Promise<void> {
  await db.insertInto('teams').values(row).execute();
}

export async function updateTeam(
  db: Db,
  id: string,
  changes: Partial<
    Pick<
      TeamRow,
      | 'name'
      | 'description'
      | 'fallback_team_id'
      | 'overflow_after_ms'
      | 'archived_at'
      | 'updated_at'
    >
  >,
): Promise<void> {
  await db.updateTable('teams').set(changes).where('id', '=', id).execute();
}

export async function deleteTeam(db: Db, id: string): Promise<void> {
  await db.deleteFrom('teams').where('id', '=', id).execute();
}

/** Adds the agent to the team, or changes whether they lead it. */
export async function upsertMember(
  db: Db,
  member: { teamId: string; agentId: string; isLead: boolean; now: number },
): Promise<void> {
  const isLead = member.isLead ? 1 : 0;
  await db
    .insertInto('team_members')
    .values({
      team_id: member.teamId,
      agent_id: member.agentId,
      is_lead: isLead,
      created_at: member.now,
    })
    .onConflict((oc) => oc.columns(['team_id', 'agent_id']).doUpdateSet({ is_lead: isLead }))
    .execute();
}

/** Returns false when the agent was not a member. */
export async function removeMember(db: Db, teamId: string, agentId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('team_members')
    .where('team_id', '=', teamId)
    .where('agent_id', '=', agentId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The (not archived) teams `agentId` belongs to, and whether they lead each. */
export async function membershipsOf(
  db: Db,
  agentId: string,
): Promise<Array<{ teamId: string; isLead: boolean }>> {
  const rows = await db
    .selectFrom('team_members as m')
    .innerJoin('teams as t', 't.id', 'm.team_id')
    .select(['m.team_id', 'm.is_lead'])
    .where('m.agent_id', '=', agentId)
    .where('t.archived_at', 'is', null)
    .execute();
  return rows.map((row) => ({ teamId: row.team_id, isLead: row.is_lead === 1 }));
}

/** The ids of the (not archived) teams `agentId` leads. */
export async function teamsLedBy(db: Db, agentId: string): Promise<string[]> {
  return (await membershipsOf(db, agentId)).filter((m) => m.isLead).map((m) => m.teamId);
}

/** The agents who lead `teamId` (none when it is archived). */
export async function leadsOf(db: Db, teamId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('team_members as m')
    .innerJoin('teams as t', 't.id', 'm.team_id')
    .select('m.agent_id')
    .where('m.team_id', '=', teamId)
    .where('m.is_lead', '=', 1)
    .where('t.archived_at', 'is', null)
    .execute();
  return rows.map((row) => row.agent_id);
}

/** What still refers to the team: chats and tickets (ever) and topics (active or not). */
export async function teamUsage(
  db: Db,
  teamId: string,
): Promise<{ chats: number; tickets: number; topics: number }> {
  const [chats, tickets, topics] = await Promise.all([
    db
      .selectFrom('chat_sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('team_id', '=', teamId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('team_id', '=', teamId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('topics')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('team_id', '=', teamId)
      .executeTakeFirstOrThrow(),
  ]);
  return { chats: Number(chats.n), tickets: Number(tickets.n), topics: Number(topics.n) };
}

/** The teams (not archived, unless asked) whose chats overflow to `teamId`, by name. */
export async function teamsFallingBackTo(
  db: Db,
  teamId: string,
  options: { includeArchived: boolean },
): Promise<string[]> {
  let query = db
    .selectFrom('teams')
    .select('name')
    .where('fallback_team_id', '=', teamId)
    .orderBy('name');
  if (!options.includeArchived) query = query.where('archived_at', 'is', null);
  return (await query.execute()).map((row) => row.name);
}

/** Active topics leading to the team. */
export async function countActiveTopicsOf(db: Db, teamId: string): Promise<number> {
  const row = await db
    .selectFrom('topics')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('team_id', '=', teamId)
    .where('archived_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
