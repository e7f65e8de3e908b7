// Queries for the chats the desk turns into tickets on its own (services/tickets/unattendedChats.ts).
import type { Db } from '../../store.js';

/** Waiting chats no agent ever had, without a ticket, started by `startedBefore`; oldest first. */
export async function unansweredChatIds(
  db: Db,
  { startedBefore, limit }: { startedBefore: number; limit: number },
): Promise<string[]> {
  const rows = await db
    .selectFrom('chat_sessions')
    .select('id')
    .where('status', '=', 'waiting')
    .where('started_at', '<=', startedBefore)
    .where('first_assigned_at', 'is', null)
    .where('assigned_agent_id', 'is', null)
    .where('ticket_id', 'is', null)
    .orderBy('started_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** Whether the chat's customer wrote anything in it (a message or a file). */
export async function customerWrote(
  db: Db,
  chat: { id: string; user_id: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('chat_messages')
    .select('id')
    .where('session_id', '=', chat.id)
    .where('sender_id', '=', chat.user_id)
    .where('message_type', 'in', ['text', 'file', 'image'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
