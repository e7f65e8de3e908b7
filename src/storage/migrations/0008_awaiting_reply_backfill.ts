// Open chats started before 0005 have no awaiting_agent_since, so a customer left without a reply
// in one of them was never pointed out. Backfilled from their messages as the running code keeps
// it: since the oldest customer message after the agent's last message (a chat the agent has
// answered last waits for nothing). Only open chats (waiting or active) and only where it is
// unset: a wait that 0005's code has kept since is left alone.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update chat_sessions
    set awaiting_agent_since = (
      select min(c.created_at) from chat_messages c
      where c.session_id = chat_sessions.id
        and c.sender_id = chat_sessions.user_id
        and c.message_type <> 'system'
        and c.seq > coalesce((
          select max(a.seq) from chat_messages a
          where a.session_id = chat_sessions.id
            and a.sender_id is not null
            and a.sender_id <> chat_sessions.user_id
            and a.message_type <> 'system'
        ), 0)
    )
    where status in ('waiting', 'active') and awaiting_agent_since is null`.execute(db);
}

/** Nothing to undo: the column is 0005's, and what this filled in is what the code would have. */
export async function down(): Promise<void> {}
