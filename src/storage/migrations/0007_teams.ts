// Teams (departments of the desk) with their agents and leads, the topics a customer picks when
// starting a chat (each leading to one team), and the topic and team each chat records. A team's
// fallback team and overflow delay are stored for routing per team (issue 11), which reads them.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fallback_team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('overflow_after_ms', 'bigint')
    .addColumn('archived_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('is_lead', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'agent_id'])
    .execute();
  // "Which teams does this agent lead / belong to": asked by every team lead's lookup.
  await db.schema
    .createIndex('team_members_agent')
    .on('team_members')
    .columns(['agent_id', 'is_lead'])
    .execute();

  await db.schema
    .createTable('topics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // At most one default topic, whatever two requests do at once.
  await db.schema
    .createIndex('topics_one_default')
    .on('topics')
    .column('is_default')
    .unique()
    .where(sql.ref('is_default'), '=', 1)
    .execute();

  await db.schema
    .alterTable('chat_sessions')
    .addColumn('topic_id', 'text', (c) => c.references('topics.id'))
    .execute();
  await db.schema
    .alterTable('chat_sessions')
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    .execute();
  await db.schema
    .createIndex('chat_sessions_team')
    .on('chat_sessions')
    .columns(['team_id', 'status'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('chat_sessions_team').execute();
  await db.schema.alterTable('chat_sessions').dropColumn('team_id').execute();
  await db.schema.alterTable('chat_sessions').dropColumn('topic_id').execute();
  await db.schema.dropTable('topics').execute();
  await db.schema.dropTable('team_members').execute();
  await db.schema.dropTable('teams').execute();
}
