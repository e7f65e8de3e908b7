// Chats written straight into the database with the facts a test states (a history at any date,
// hundreds at once), their hours marked and rolled up as the worker would.
import { randomUUID } from 'node:crypto';
import type { ChatFacts } from '../../src/domain/reports/chatFacts.js';
import type { ServiceContext } from '../../src/services/context.js';
import { PRIORITIES, type Priority } from '../../src/shared/vocabulary.js';
import { rollUpDirtyHours } from '../../src/services/reports/chatRollupWorker.js';
import { markChatHours } from '../../src/storage/repositories/reports/dirtyHours.js';

export type ConstructedChat = Partial<ChatFacts> & {
  startedAt: number;
  topicId?: string | null;
  /** Medium unless given. */
  priority?: Priority;
};

/** Inserts `chats` of `customerId`, marks their hours and rolls every marked hour up. */
export async function insertReportChats(
  ctx: ServiceContext,
  customerId: string,
  chats: readonly ConstructedChat[],
): Promise<string[]> {
  const { db } = ctx.store;
  const ids: string[] = [];
  for (let i = 0; i < chats.length; i += 200) {
    const rows = chats.slice(i, i + 200).map((chat) => {
      const id = randomUUID();
      ids.push(id);
      const ended = chat.endedAt ?? null;
      const assigned = chat.firstAssignedAt ?? null;
      return {
        id,
        user_id: customerId,
        assigned_agent_id: chat.agentId ?? null,
        status: ended !== null ? 'ended' : assigned !== null ? 'active' : 'waiting',
        priority: chat.priority ?? 'medium',
        priority_rank: PRIORITIES.indexOf(chat.priority ?? 'medium'),
        subject: 'Constructed',
        rating: chat.rating ?? null,
        feedback: null,
        started_at: chat.startedAt,
        assigned_at: assigned,
        first_agent_reply_at: chat.firstResponseAt ?? null,
        ended_at: ended,
        ended_by: ended !== null ? 'user' : null,
        rated_at: chat.rating ? (ended ?? chat.startedAt) : null,
        last_message_at: null,
        awaiting_agent_since: null,
        last_seq: 0,
        message_budget_full_at: 0,
        ticket_id: null,
        topic_id: chat.topicId ?? null,
        team_id: chat.teamId ?? null,
        handover_note_id: null,
        first_assigned_at: assigned,
        first_response_at: chat.firstResponseAt ?? null,
        transfers: chat.transfers ?? 0,
        updated_at: chat.startedAt,
      } as const;
    });
    await db.insertInto('chat_sessions').values(rows).execute();
    await markChatHours(
      db,
      'test',
      rows.map((row) => row.id),
      ctx.clock.now(),
    );
  }
  while ((await rollUpDirtyHours(ctx)) > 0);
  return ids;
}
