// Who takes part in a chat besides its customer and agent (past agents, mentioned agents), and its tags.
import { prepared } from '../../prepared.js';
import type { Db } from '../../store.js';

/** Past agents and agents mentioned in a note: who besides the current agent may read the chat. */
export async function deskParticipants(
  db: Db,
  sessionId: string,
): Promise<{ pastAgentIds: string[]; mentionedAgentIds: string[] }> {
  const rows = await db
    .selectFrom('chat_participants')
    .select(['user_id', 'role'])
    .where('session_id', '=', sessionId)
    .where('role', 'in', ['agent', 'mentioned'])
    .execute();
  const of = (role: string) => rows.filter((r) => r.role === role).map((r) => r.user_id);
  return { pastAgentIds: of('agent'), mentionedAgentIds: of('mentioned') };
}

/**
 * Records that agents were mentioned in a note of the session, which lets them read it. An agent
 * already in the chat (customer, past or current agent) keeps the row they have.
 */
export async function addMentionedAgents(
  db: Db,
  sessionId: string,
  agentIds: readonly string[],
  now: number,
): Promise<void> {
  if (agentIds.length === 0) return;
  await db
    .insertInto('chat_participants')
    .values(
      agentIds.map((userId) => ({
        session_id: sessionId,
        user_id: userId,
        role: 'mentioned' as const,
        joined_at: now,
        left_at: now,
        last_read_seq: 0,
      })),
    )
    .onConflict((oc) => oc.columns(['session_id', 'user_id']).doNothing())
    .execute();
}

export async function pastAgentIds(db: Db, sessionId: string): Promise<string[]> {
  const { rows } = await pastAgentIdsQuery(db, sessionId);
  return rows.map((r) => r.user_id);
}

const pastAgentIdsQuery = prepared((db: Db, sessionId: string) =>
  db
    .selectFrom('chat_participants')
    .select('user_id')
    .where('session_id', '=', sessionId)
    .where('role', '=', 'agent'),
);

export interface NewParticipant {
  sessionId: string;
  userId: string;
  role: 'customer' | 'agent';
  now: number;
}

export async function addParticipant(db: Db, participant: NewParticipant): Promise<void> {
  await addParticipants(db, [participant]);
}

/** Adds people to sessions; someone who left and comes back is present again from now. */
export async function addParticipants(
  db: Db,
  participants: readonly NewParticipant[],
): Promise<void> {
  if (participants.length === 0) return;
  await db
    .insertInto('chat_participants')
    .values(
      participants.map((p) => ({
        session_id: p.sessionId,
        user_id: p.userId,
        role: p.role,
        joined_at: p.now,
        left_at: null,
        last_read_seq: 0,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['session_id', 'user_id'])
        // An agent mentioned in a note who now takes the chat is one of its agents.
        .doUpdateSet((eb) => ({
          joined_at: eb.ref('excluded.joined_at'),
          left_at: null,
          role: eb.ref('excluded.role'),
        })),
    )
    .execute();
}

export async function markParticipantLeft(db: Db, sessionId: string, userId: string, now: number) {
  await markParticipantLeftQuery(db, sessionId, userId, now);
}

// Every end runs these two: prepared once (see prepared.ts).
const markParticipantLeftQuery = prepared(
  (db: Db, sessionId: string, userId: string, now: number) =>
    db
      .updateTable('chat_participants')
      .set({ left_at: now })
      .where('session_id', '=', sessionId)
      .where('user_id', '=', userId),
);

export async function replaceTags(
  db: Db,
  sessionId: string,
  tags: readonly string[],
  by: string,
  now: number,
): Promise<void> {
  await db.deleteFrom('chat_session_tags').where('session_id', '=', sessionId).execute();
  if (tags.length === 0) return;
  await db
    .insertInto('chat_session_tags')
    .values(tags.map((tag) => ({ session_id: sessionId, tag, created_by: by, created_at: now })))
    .execute();
}
