// Routing's promises, checked where they are kept: in the database. Each check returns the
// violations it found, described for a failure message (an empty list means it holds).
import { sql } from 'kysely';
import { AGENT_ROLES } from '../../src/shared/vocabulary.js';
import type { Db } from '../../src/storage/store.js';

/** An agent's load is their number of open chats (not a lifetime count), within their max. */
export async function loadViolations(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('chat_agent_status as st')
    .select([
      'st.agent_id',
      'st.current_chat_count',
      'st.max_concurrent_chats',
      (eb) =>
        eb
          .selectFrom('chat_sessions as cs')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('cs.assigned_agent_id', '=', 'st.agent_id')
          .where('cs.status', '=', 'active')
          .as('open_chats'),
    ])
    .execute();
  return rows.flatMap((row) => {
    const problems: string[] = [];
    if (row.current_chat_count !== Number(row.open_chats))
      problems.push(
        `agent ${row.agent_id}: load ${row.current_chat_count} but ${row.open_chats} open chats`,
      );
    if (Number(row.open_chats) > row.max_concurrent_chats)
      problems.push(
        `agent ${row.agent_id}: ${row.open_chats} open chats over max ${row.max_concurrent_chats}`,
      );
    return problems;
  });
}

/** Every session was given to an agent at most once, and every active one exactly once. */
export async function assignmentViolations(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('chat_sessions as cs')
    .select([
      'cs.id',
      'cs.status',
      'cs.assigned_agent_id',
      (eb) =>
        eb
          .selectFrom('chat_messages as m')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('m.session_id', '=', 'cs.id')
          .where('m.message_type', '=', 'system')
          // The lines of domain/transcriptLines.ts#assignmentLine: taken or routed, or assigned.
          .where((w) =>
            w.or([
              w('m.message_text', 'like', '% joined the chat'),
              w('m.message_text', 'like', '% assigned the chat to %'),
            ]),
          )
          .as('joins'),
    ])
    .execute();
  return rows.flatMap((row) => {
    const joins = Number(row.joins);
    if (joins > 1) return [`session ${row.id} assigned ${joins} times`];
    if (row.status === 'active' && (joins !== 1 || row.assigned_agent_id === null))
      return [`active session ${row.id} has ${joins} assignments, agent ${row.assigned_agent_id}`];
    if (row.status === 'waiting' && row.assigned_agent_id !== null)
      return [`waiting session ${row.id} has agent ${row.assigned_agent_id}`];
    return [];
  });
}

/** Waiting sessions that an agent who takes chats automatically has room for right now. */
export async function unroutedBacklog(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('chat_sessions as cs')
    .innerJoin('chat_agent_status as st', (join) =>
      join
        .on('st.status', '=', 'online')
        .on('st.auto_assign', '=', 1)
        .onRef('st.current_chat_count', '<', 'st.max_concurrent_chats')
        .onRef('st.agent_id', '<>', 'cs.user_id'),
    )
    .innerJoin('users as u', 'u.id', 'st.agent_id')
    .select(['cs.id as session_id', 'st.agent_id'])
    .where('cs.status', '=', 'waiting')
    .where('u.is_active', '=', 1)
    .where('u.role', 'in', [...AGENT_ROLES])
    .execute();
  return rows.map((r) => `session ${r.session_id} waits while agent ${r.agent_id} has room`);
}

/** Each session's events (messages and others) are numbered 1..last_seq, each number once. */
export async function sequenceViolations(db: Db): Promise<string[]> {
  const result = await sql<{
    id: string;
    last_seq: number;
    events: number;
    distinct_seqs: number;
    top: number | null;
  }>`
    select cs.id, cs.last_seq, count(e.seq) as events, count(distinct e.seq) as distinct_seqs,
      max(e.seq) as top
    from chat_sessions cs
    left join (
      select session_id, seq from chat_messages
      union all
      select session_id, seq from chat_session_events
    ) e on e.session_id = cs.id
    group by cs.id, cs.last_seq
  `.execute(db);
  return result.rows
    .filter(
      (r) =>
        Number(r.events) !== r.last_seq ||
        Number(r.distinct_seqs) !== r.last_seq ||
        Number(r.top ?? 0) !== r.last_seq,
    )
    .map(
      (r) =>
        `session ${r.id}: ${r.events} events (${r.distinct_seqs} distinct), top seq ${r.top}, last_seq ${r.last_seq}`,
    );
}

export async function allViolations(db: Db): Promise<string[]> {
  return [
    ...(await loadViolations(db)),
    ...(await assignmentViolations(db)),
    ...(await unroutedBacklog(db)),
    ...(await sequenceViolations(db)),
  ];
}
