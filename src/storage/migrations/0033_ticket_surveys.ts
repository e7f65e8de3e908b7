// The survey mailed once a ticket is solved (docs/reports.md, "Surveys"): one a ticket, found by
// the SHA-256 of its link's secret (the secret itself is only in the mail), attributed to the
// assignee and team the ticket had when it was solved, so a later reassignment does not move it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ticket_surveys')
    .addColumn('ticket_id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('assignee_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('solved_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('rating', 'integer')
    .addColumn('comment', 'text')
    .addColumn('answered_at', 'bigint')
    .execute();
  // The ticket report counts the answers given in its range.
  await db.schema
    .createIndex('ticket_surveys_answered')
    .on('ticket_surveys')
    .columns(['answered_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ticket_surveys').execute();
}
