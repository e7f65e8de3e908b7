// Surveys after a chat (docs/reports.md, "Surveys"): up to three questions a super admin sets,
// each answered on a scale of 1 to 5, and the answers of each chat, attributed to the agent and
// team the chat had when it ended, so that a later transfer or team change does not move them.
// The rating and its comment stay on chat_sessions (rating, feedback).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('survey_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    // A removed question keeps its answers, which the reports still show.
    .addColumn('archived_at', 'bigint')
    .execute();
  await db.schema
    .createTable('chat_survey_answers')
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('agent_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('answered_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_survey_answers_pk', ['session_id', 'question_id'])
    .execute();
  await db.schema
    .createIndex('chat_survey_answers_answered')
    .on('chat_survey_answers')
    .columns(['answered_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('chat_survey_answers').execute();
  await db.schema.dropTable('survey_questions').execute();
}
