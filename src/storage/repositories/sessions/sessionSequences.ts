// Per-session sequence numbers: reserved by the updates that lock the session row, for events,
// assignments and messages (with the awaiting-reply clock each side moves).
import { sql, type ExpressionBuilder } from 'kysely';
import { latestFullAtAdmitting, type MessageBudget } from '../../../domain/abuseLimits.js';
import type { Database, SessionRow } from '../../schema.js';
import { prepared } from '../../prepared.js';
import type { Db } from '../../store.js';

/**
 * Reserves the next sequence number for an event of the session and returns it. The update
 * locks the session row until commit, so sequence order is commit order within a session.
 */
export async function reserveSeq(db: Db, sessionId: string, now: number): Promise<number> {
  const { rows } = await reserveSeqQuery(db, sessionId, now);
  return rows[0]!.last_seq;
}

const reserveSeqQuery = prepared((db: Db, sessionId: string, now: number) =>
  db
    .updateTable('chat_sessions')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1), updated_at: now }))
    .where('id', '=', sessionId)
    .returning('last_seq'),
);

/**
 * Makes waiting sessions active with their agents (`agentOf`), reserving `reserve` sequence
 * numbers in each for the events that record it, in one conditional statement. Returns the new
 * rows: a session missing from them was no longer waiting.
 */
export async function activateSessions(
  db: Db,
  agentOf: ReadonlyMap<string, string>,
  now: number,
  reserve: number,
): Promise<SessionRow[]> {
  const ids = [...agentOf.keys()];
  const agent = sql<string>`(case id ${sql.join(
    ids.map((id) => sql`when ${id} then ${agentOf.get(id)!}`),
    sql` `,
  )} end)`;
  return db
    .updateTable('chat_sessions')
    .set((eb) => ({
      status: 'active',
      assigned_agent_id: agent,
      assigned_at: now,
      first_assigned_at: sql<number>`coalesce(first_assigned_at, ${now})`,
      updated_at: now,
      last_message_at: now,
      last_seq: eb('last_seq', '+', reserve),
    }))
    .where('id', 'in', ids)
    .where('status', '=', 'waiting')
    .returningAll()
    .execute();
}

/** Reserves the next sequence number for a new message, stamping the session's activity. */
export const reserveMessageSeq = prepared((db: Db, sessionId: string, now: number) =>
  db
    .updateTable('chat_sessions')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1), last_message_at: now, updated_at: now }))
    .where('id', '=', sessionId)
    .returning('last_seq'),
);

/**
 * Like reserveMessageSeq, for a message someone sends: the same statement also spends one from
 * the session's message budget (domain/abuseLimits.ts), so the row's lock makes the budget exact
 * on every node at no extra cost per message, and keeps since when the chat waits for the
 * agent's reply (a customer's message starts the wait unless one already runs, the agent's ends
 * it). Returns null, changing nothing, when the budget is spent, with when the bucket is full
 * again (for how long to wait).
 */
export async function reserveSentMessageSeq(
  db: Db,
  sessionId: string,
  now: number,
  budget: MessageBudget,
  side: SendingSide,
): Promise<{ seq: number } | { seq: null; fullAt: number }> {
  const { rows } = await RESERVE_SENT[side](
    db,
    sessionId,
    now,
    budget.intervalMs,
    latestFullAtAdmitting(budget, now),
  );
  if (rows[0]) return { seq: rows[0].last_seq };
  const row = await db
    .selectFrom('chat_sessions')
    .select('message_budget_full_at')
    .where('id', '=', sessionId)
    .executeTakeFirstOrThrow();
  return { seq: null, fullAt: row.message_budget_full_at };
}

/**
 * Like reserveMessageSeq, for the customer's message: the chat waits for the agent's reply
 * from the oldest message not answered yet (kept if one already waits).
 */
export const reserveCustomerMessageSeq = prepared((db: Db, sessionId: string, now: number) =>
  db
    .updateTable('chat_sessions')
    .set((eb) => ({
      last_seq: eb('last_seq', '+', 1),
      last_message_at: now,
      updated_at: now,
      awaiting_agent_since: eb.fn.coalesce('awaiting_agent_since', eb.val(now)),
    }))
    .where('id', '=', sessionId)
    .returning('last_seq'),
);

/** Like reserveMessageSeq, for the agent's message: the customer has their reply. */
export const reserveAgentMessageSeq = prepared((db: Db, sessionId: string, now: number) =>
  db
    .updateTable('chat_sessions')
    .set((eb) => ({
      last_seq: eb('last_seq', '+', 1),
      last_message_at: now,
      updated_at: now,
      awaiting_agent_since: null,
    }))
    .where('id', '=', sessionId)
    .returning('last_seq'),
);

/** Who sends: the customer, the agent answering them, or an agent writing an internal note. */
export type SendingSide = 'customer' | 'agent' | 'note';

/**
 * The customer's message starts the wait for the agent's reply unless one already runs; the
 * agent's reply ends it; a note is no reply and leaves it as it is.
 */
const AWAITING_AFTER = {
  customer: (eb: SessionsTableEb, now: number) =>
    eb.fn.coalesce('awaiting_agent_since', eb.val(now)),
  agent: () => null,
  note: (eb: SessionsTableEb) => eb.ref('awaiting_agent_since'),
} as const;

type SessionsTableEb = ExpressionBuilder<Database, 'chat_sessions'>;

// Every message someone sends, one statement per side: prepared once (see prepared.ts).
const reserveSentMessageSeqFor = (side: SendingSide) =>
  prepared((db: Db, sessionId: string, now: number, intervalMs: number, latestFullAt: number) =>
    db
      .updateTable('chat_sessions')
      .set((eb) => ({
        last_seq: eb('last_seq', '+', 1),
        // A note is no news to the customer: their lists do not see the chat move.
        last_message_at: side === 'note' ? eb.ref('last_message_at') : now,
        updated_at: now,
        // Full again one interval later than it was, or than now if that has passed.
        message_budget_full_at: eb(
          eb
            .case()
            .when('message_budget_full_at', '>', now)
            .then(eb.ref('message_budget_full_at'))
            .else(now)
            .end(),
          '+',
          intervalMs,
        ),
        awaiting_agent_since: AWAITING_AFTER[side](eb, now),
      }))
      .where('id', '=', sessionId)
      .where('message_budget_full_at', '<=', latestFullAt)
      .returning('last_seq'),
  );

const RESERVE_SENT = {
  customer: reserveSentMessageSeqFor('customer'),
  agent: reserveSentMessageSeqFor('agent'),
  note: reserveSentMessageSeqFor('note'),
} as const;

/** What a batch of messages left in one session, computed from its locked row. */
export interface SessionAfterMessages {
  id: string;
  lastSeq: number;
  lastMessageAt: number;
  budgetFullAt: number;
  awaitingAgentSince: number | null;
  firstAgentReplyAt: number | null;
  /** The chat's first agent message ever (reports). */
  firstResponseAt: number | null;
}

/**
 * Writes what a batch of messages changed in their sessions, in one conditional statement. The
 * caller read the rows under lock (or inside SQLite's single writer) and applied each message's
 * rules in order (sequence numbers, the message budget, the wait for the agent's reply), so the
 * values are exact.
 */
export async function updateSessionsAfterMessages(
  db: Db,
  sessions: readonly SessionAfterMessages[],
): Promise<void> {
  if (sessions.length === 0) return;
  // Joined to a VALUES list (columns column1… on both databases), not a CASE per column, whose
  // cost grows with the square of the batch. Every value is cast: PostgreSQL would take text.
  const int = (value: number | null) => sql`cast(${value} as bigint)`;
  const values = sql.join(
    sessions.map(
      (s) =>
        sql`(${s.id}, ${int(s.lastSeq)}, ${int(s.lastMessageAt)}, ${int(s.budgetFullAt)}, ${int(s.awaitingAgentSince)}, ${int(s.firstAgentReplyAt)}, ${int(s.firstResponseAt)})`,
    ),
  );
  await sql`update chat_sessions set
      last_seq = v.column2,
      last_message_at = v.column3,
      updated_at = v.column3,
      message_budget_full_at = v.column4,
      awaiting_agent_since = v.column5,
      first_agent_reply_at = v.column6,
      first_response_at = v.column7
    from (values ${values}) as v
    where chat_sessions.id = v.column1`.execute(db);
}
