// What the live dashboard reads: open chats per team and status, the agents of some teams with
// their load, and the running tickets whose next SLA due time is near. Each is one indexed pass
// over what is open now, not over history.
import { RUNNING_STATUSES } from '../../../domain/tickets/ticketWorkflow.js';
import type { AgentStatus } from '../../../shared/vocabulary.js';
import type { Db } from '../../store.js';

/** Only these teams' rows; every team and no team when null. */
export type TeamFilter = readonly string[] | null;

export interface OpenChatCount {
  teamId: string | null;
  status: 'waiting' | 'active';
  chats: number;
  /** The earliest start among them. */
  oldestStartedAt: number | null;
}

export async function openChatCounts(db: Db, teams: TeamFilter): Promise<OpenChatCount[]> {
  if (teams && teams.length === 0) return [];
  let query = db
    .selectFrom('chat_sessions')
    .select([
      'team_id',
      'status',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.min('started_at').as('oldest'),
    ])
    .where('status', 'in', ['waiting', 'active'])
    .groupBy(['team_id', 'status']);
  if (teams) query = query.where('team_id', 'in', teams);
  const rows = await query.execute();
  return rows.map((row) => ({
    teamId: row.team_id,
    status: row.status as 'waiting' | 'active',
    chats: Number(row.n),
    oldestStartedAt: row.oldest === null ? null : Number(row.oldest),
  }));
}

export interface TeamName {
  id: string;
  name: string;
}

/** The teams shown: those asked for, else every team not archived. */
export async function dashboardTeams(db: Db, teams: TeamFilter): Promise<TeamName[]> {
  if (teams && teams.length === 0) return [];
  let query = db.selectFrom('teams').select(['id', 'name']).orderBy('name').orderBy('id');
  query = teams ? query.where('id', 'in', teams) : query.where('archived_at', 'is', null);
  return query.execute();
}

export interface AgentLoad {
  id: string;
  name: string;
  status: AgentStatus;
  openChats: number;
  capacity: number;
  teamId: string | null;
}

/** Active agents (one row per team they are in, `teamId` null for none), by name. */
export async function agentLoads(db: Db, teams: TeamFilter): Promise<AgentLoad[]> {
  if (teams && teams.length === 0) return [];
  let query = db
    .selectFrom('chat_agent_status as a')
    .innerJoin('users as u', 'u.id', 'a.agent_id')
    .leftJoin('team_members as m', 'm.agent_id', 'a.agent_id')
    .select([
      'u.id',
      'u.name',
      'a.status',
      'a.current_chat_count',
      'a.max_concurrent_chats',
      'm.team_id',
    ])
    .where('u.is_active', '=', 1)
    .orderBy('u.name')
    .orderBy('u.id');
  if (teams) query = query.where('m.team_id', 'in', teams);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    openChats: Number(row.current_chat_count),
    capacity: Number(row.max_concurrent_chats),
    teamId: row.team_id,
  }));
}

export interface TicketDue {
  id: string;
  number: number;
  subject: string;
  teamId: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  nextDueAt: number;
}

/** Running tickets due before `before`, soonest first, at most `limit`; with their total. */
export async function ticketsDueBefore(
  db: Db,
  teams: TeamFilter,
  before: number,
  limit: number,
): Promise<{ tickets: TicketDue[]; total: number }> {
  if (teams && teams.length === 0) return { tickets: [], total: 0 };
  let base = db
    .selectFrom('tickets as t')
    .where('t.status', 'in', RUNNING_STATUSES)
    .where('t.merged_into', 'is', null)
    .where('t.next_due_at', 'is not', null)
    .where('t.next_due_at', '<=', before);
  if (teams) base = base.where('t.team_id', 'in', teams);
  const [rows, count] = await Promise.all([
    base
      .leftJoin('users as a', 'a.id', 't.assignee_id')
      .select([
        't.id',
        't.number',
        't.subject',
        't.team_id',
        't.assignee_id',
        'a.name as assignee_name',
        't.next_due_at',
      ])
      .orderBy('t.next_due_at')
      .orderBy('t.id')
      .limit(limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    tickets: rows.map((row) => ({
      id: row.id,
      number: Number(row.number),
      subject: row.subject,
      teamId: row.team_id,
      assigneeId: row.assignee_id,
      assigneeName: row.assignee_name,
      nextDueAt: Number(row.next_due_at),
    })),
  };
}
