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

/**
 * Waiting sessions that an agent who takes chats automatically has room for right now, and may
 * be given: any agent for a chat without a team, else a member of its team or, once the chat
 * had waited its team's overflow delay by `overflowedBy` (epoch ms; omitted: never), of the
 * fallback team (not archived).
 */
export async function unroutedBacklog(
  db: Db,
  options: { overflowedBy?: number } = {},
): Promise<string[]> {
  const overflowedBy = options.overflowedBy ?? null;
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
    .where((eb) =>
      eb.or([
        eb('cs.team_id', 'is', null),
        eb.exists(
          eb
            .selectFrom('team_members as m')
            .select('m.agent_id')
            .whereRef('m.team_id', '=', 'cs.team_id')
            .whereRef('m.agent_id', '=', 'st.agent_id'),
        ),
        ...(overflowedBy === null
          ? []
          : [
              eb.exists(
                eb
                  .selectFrom('teams as t')
                  .innerJoin('teams as f', 'f.id', 't.fallback_team_id')
                  .innerJoin('team_members as fm', 'fm.team_id', 'f.id')
                  .select('fm.agent_id')
                  .whereRef('t.id', '=', 'cs.team_id')
                  .whereRef('fm.agent_id', '=', 'st.agent_id')
                  .where('f.archived_at', 'is', null)
                  .where(sql<boolean>`cs.started_at + t.overflow_after_ms <= ${overflowedBy}`),
              ),
            ]),
      ]),
    )
    .execute();
  return rows.map((r) => `session ${r.session_id} waits while agent ${r.agent_id} has room`);
}

/**
 * Chats that routing gave to an agent who may not have them: not a member of the chat's team,
 * nor of its fallback team once it had waited the delay. Every assignment recorded (a
 * `session.updated` event with change `assigned`) counts, but for the chats in `placedByHand`
 * (taken or assigned by someone, which any agent may be), whose assignment says nothing of
 * routing. Memberships and overflow are read as they are now: the caller keeps them still.
 */
export async function ineligibleAssignments(
  db: Db,
  placedByHand: ReadonlySet<string>,
): Promise<string[]> {
  const [events, teams, members] = await Promise.all([
    db
      .selectFrom('chat_session_events as e')
      .innerJoin('chat_sessions as cs', 'cs.id', 'e.session_id')
      .select(['e.session_id', 'e.payload', 'e.created_at', 'cs.team_id', 'cs.started_at'])
      .where('e.kind', '=', 'session.updated')
      .where('cs.team_id', 'is not', null)
      .execute(),
    db
      .selectFrom('teams as t')
      .leftJoin('teams as f', 'f.id', 't.fallback_team_id')
      .select(['t.id', 't.fallback_team_id', 't.overflow_after_ms', 'f.archived_at'])
      .execute(),
    db.selectFrom('team_members').select(['team_id', 'agent_id']).execute(),
  ]);
  const teamOf = new Map(teams.map((t) => [t.id, t]));
  const inTeam = new Set(members.map((m) => `${m.team_id} ${m.agent_id}`));
  const problems: string[] = [];
  for (const event of events) {
    if (placedByHand.has(event.session_id)) continue;
    const payload = JSON.parse(event.payload) as {
      change: string;
      session: { agent: { id: string } | null };
    };
    if (payload.change !== 'assigned' || !payload.session.agent) continue;
    const agentId = payload.session.agent.id;
    const team = teamOf.get(event.team_id!)!;
    if (inTeam.has(`${team.id} ${agentId}`)) continue;
    const overflowed =
      team.fallback_team_id !== null &&
      team.overflow_after_ms !== null &&
      team.archived_at === null &&
      event.created_at >= event.started_at + Number(team.overflow_after_ms) &&
      inTeam.has(`${team.fallback_team_id} ${agentId}`);
    if (!overflowed) {
      problems.push(
        `session ${event.session_id} of team ${team.id} routed to agent ${agentId}, who may not have it`,
      );
    }
  }
  return problems;
}

/**
 * How many chats (but `placedByHand`) are with an agent outside their team: routed there after
 * overflowing, as ineligibleAssignments checks. For a storm to report that it overflowed.
 */
export async function overflowedChats(db: Db, placedByHand: ReadonlySet<string>): Promise<number> {
  const rows = await db
    .selectFrom('chat_sessions as cs')
    .select('cs.id')
    .where('cs.assigned_agent_id', 'is not', null)
    .where('cs.team_id', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('team_members as m')
            .select('m.agent_id')
            .whereRef('m.team_id', '=', 'cs.team_id')
            .whereRef('m.agent_id', '=', 'cs.assigned_agent_id'),
        ),
      ),
    )
    .execute();
  return rows.filter((row) => !placedByHand.has(row.id)).length;
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
