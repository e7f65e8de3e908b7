// The first schema: every table the seed describes, plus auth, presence, leases and rate limits.
// Written with portable column types so SQLite and PostgreSQL run the same migration.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('last_login_at', 'bigint')
    .execute();
  await db.schema.createIndex('users_role_name').on('users').columns(['role', 'name']).execute();

  await db.schema
    .createTable('auth_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('auth_sessions_user').on('auth_sessions').column('user_id').execute();

  await db.schema
    .createTable('chat_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('assigned_agent_id', 'text', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('priority_rank', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer')
    .addColumn('feedback', 'text')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('assigned_at', 'bigint')
    .addColumn('first_agent_reply_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .addColumn('ended_by', 'text')
    .addColumn('rated_at', 'bigint')
    .addColumn('last_message_at', 'bigint')
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ticket_id', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // The queue: waiting sessions by priority, then age.
  await db.schema
    .createIndex('chat_sessions_queue')
    .on('chat_sessions')
    .columns(['status', 'priority_rank desc', 'started_at', 'id'])
    .execute();
  // The agent console's tabs: sessions of one status, by start time.
  await db.schema
    .createIndex('chat_sessions_status_started')
    .on('chat_sessions')
    .columns(['status', 'started_at', 'id'])
    .execute();
  await db.schema
    .createIndex('chat_sessions_agent')
    .on('chat_sessions')
    .columns(['assigned_agent_id', 'status', 'started_at'])
    .execute();
  await db.schema
    .createIndex('chat_sessions_customer')
    .on('chat_sessions')
    .columns(['user_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('chat_sessions_started')
    .on('chat_sessions')
    .columns(['started_at', 'id'])
    .execute();

  await db.schema
    .createTable('chat_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('chat_sessions.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('sender_id', 'text', (c) => c.references('users.id'))
    .addColumn('message_type', 'text', (c) => c.notNull())
    .addColumn('message_text', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text')
    .addColumn('is_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('read_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('chat_messages_session_seq')
    .on('chat_messages')
    .columns(['session_id', 'seq'])
    .unique()
    .execute();
  // A retried send carries the same client id: this index makes the retry find the first message.
  await db.schema
    .createIndex('chat_messages_client_id')
    .on('chat_messages')
    .columns(['session_id', 'sender_id', 'client_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('chat_session_events')
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('chat_sessions.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_session_events_pk', ['session_id', 'seq'])
    .execute();

  await db.schema
    .createTable('chat_participants')
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('chat_sessions.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addColumn('left_at', 'bigint')
    .addColumn('last_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('chat_participants_pk', ['session_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('chat_participants_user')
    .on('chat_participants')
    .columns(['user_id', 'session_id'])
    .execute();

  await db.schema
    .createTable('chat_agent_status')
    .addColumn('agent_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('max_concurrent_chats', 'integer', (c) => c.notNull())
    .addColumn('current_chat_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('auto_assign', 'integer', (c) => c.notNull())
    .addColumn('last_assigned_at', 'bigint')
    .addColumn('last_disconnected_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    // The database itself refuses a negative load. The max is enforced by conditional updates
    // rather than a check, because a deployment may allow manual takes over capacity.
    .addCheckConstraint('chat_agent_status_load', sql`current_chat_count >= 0`)
    .execute();

  await db.schema
    .createTable('chat_quick_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('chat_quick_responses_owner')
    .on('chat_quick_responses')
    .columns(['owner_id', 'title'])
    .execute();

  await db.schema
    .createTable('chat_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('chat_sessions.id').onDelete('cascade'),
    )
    .addColumn('message_id', 'text', (c) => c.references('chat_messages.id'))
    .addColumn('uploader_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chat_files_session').on('chat_files').column('session_id').execute();

  await db.schema
    .createTable('chat_session_tags')
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('chat_sessions.id').onDelete('cascade'),
    )
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_session_tags_pk', ['session_id', 'tag'])
    .execute();
  await db.schema
    .createIndex('chat_session_tags_tag')
    .on('chat_session_tags')
    .column('tag')
    .execute();

  await db.schema
    .createTable('presence')
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('connections', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('presence_pk', ['node_id', 'user_id'])
    .execute();
  await db.schema.createIndex('presence_user').on('presence').column('user_id').execute();

  await db.schema
    .createTable('nodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('heartbeat_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('reset_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sso_token_uses')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'sso_token_uses',
    'rate_limits',
    'leases',
    'nodes',
    'presence',
    'chat_session_tags',
    'chat_files',
    'chat_quick_responses',
    'chat_agent_status',
    'chat_participants',
    'chat_session_events',
    'chat_messages',
    'chat_sessions',
    'auth_sessions',
    'users',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
