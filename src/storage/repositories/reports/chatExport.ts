// The raw chats of a range for the CSV export, one page at a time in (started_at, id) order
// (the chat_sessions_started index), so an export of a year never holds more than one page. The
// agent, topic and priority filters are checked on the rows that index walks: a narrow filter
// reads more rows per page, never more than the range's chats.
import type { ChatFacts } from '../../../domain/reports/chatFacts.js';
import type { Priority, SessionStatus } from '../../../shared/vocabulary.js';
import type { Db } from '../../store.js';

export interface ExportedChat extends ChatFacts {
  id: string;
  status: SessionStatus;
  teamName: string | null;
  topicName: string | null;
  agentName: string | null;
}

export interface ExportPageFilter {
  /** [from, to) in epoch milliseconds. */
  from: number;
  to: number;
  /** Only these teams' chats; every chat when null. */
  teamIds: readonly string[] | null;
  /** The chats the agent has or last had (assigned_agent_id, as the rollups attribute them). */
  agentId?: string | undefined;
  /** The chats started on this topic, or of this priority (both fixed when a chat starts). */
  topicId?: string | undefined;
  priority?: Priority | undefined;
  /** The last chat of the page before. */
  after?: { startedAt: number; id: string } | undefined;
  limit: number;
}

export async function chatExportPage(db: Db, filter: ExportPageFilter): Promise<ExportedChat[]> {
  let query = db
    .selectFrom('chat_sessions as s')
    .leftJoin('teams as t', 't.id', 's.team_id')
    .leftJoin('topics as p', 'p.id', 's.topic_id')
    .leftJoin('users as a', 'a.id', 's.assigned_agent_id')
    .select([
      's.id',
      's.status',
      's.started_at',
      's.first_assigned_at',
      's.first_response_at',
      's.ended_at',
      's.transfers',
      's.rating',
      's.team_id',
      's.assigned_agent_id',
      't.name as team_name',
      'p.name as topic_name',
      'a.name as agent_name',
    ])
    .where('s.started_at', '>=', filter.from)
    .where('s.started_at', '<', filter.to);
  if (filter.teamIds !== null) {
    query = query.where('s.team_id', 'in', filter.teamIds.length > 0 ? [...filter.teamIds] : ['']);
  }
  if (filter.agentId !== undefined) query = query.where('s.assigned_agent_id', '=', filter.agentId);
  if (filter.topicId !== undefined) query = query.where('s.topic_id', '=', filter.topicId);
  if (filter.priority !== undefined) query = query.where('s.priority', '=', filter.priority);
  const after = filter.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('s.started_at', '>', after.startedAt),
        eb.and([eb('s.started_at', '=', after.startedAt), eb('s.id', '>', after.id)]),
      ]),
    );
  }
  const rows = await query.orderBy('s.started_at').orderBy('s.id').limit(filter.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    startedAt: Number(row.started_at),
    firstAssignedAt: row.first_assigned_at === null ? null : Number(row.first_assigned_at),
    firstResponseAt: row.first_response_at === null ? null : Number(row.first_response_at),
    endedAt: row.ended_at === null ? null : Number(row.ended_at),
    transfers: row.transfers,
    rating: row.rating,
    teamId: row.team_id,
    agentId: row.assigned_agent_id,
    teamName: row.team_name,
    topicName: row.topic_name,
    agentName: row.agent_name,
  }));
}
