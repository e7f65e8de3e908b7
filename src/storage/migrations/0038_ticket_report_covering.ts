// The ticket report over a year (docs/reports.md, "Performance"): indexes that hold every column
// the report reads of a ticket, so counting, summing and sorting a year's first responses, solves
// and creations reads the index alone (SQLite's covering index, PostgreSQL's index-only scan)
// instead of looking every ticket up in the table. The filter's columns (team, priority, channel)
// come after the time so one index serves the whole desk and a lead's teams. The first response
// and solve indexes replace 0030's, which they extend (same leading column, same condition).
import { sql, type Kysely } from 'kysely';

const FILTER = ['team_id', 'priority', 'channel'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tickets_first_responded').execute();
  await db.schema.dropIndex('tickets_solved_any').execute();
  await db.schema
    .createIndex('tickets_report_first_response')
    .on('tickets')
    .columns(['first_responded_at', 'created_at', 'first_response_business_ms', ...FILTER])
    .where(sql.ref('first_responded_at'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('tickets_report_resolution')
    .on('tickets')
    .columns(['solved_at', 'created_at', 'resolution_business_ms', ...FILTER])
    .where(sql.ref('solved_at'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('tickets_report_created')
    .on('tickets')
    .columns(['created_at', ...FILTER, 'sla_policy_id', 'first_response_state', 'resolution_state'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tickets_report_created').execute();
  await db.schema.dropIndex('tickets_report_resolution').execute();
  await db.schema.dropIndex('tickets_report_first_response').execute();
  await db.schema
    .createIndex('tickets_solved_any')
    .on('tickets')
    .column('solved_at')
    .where(sql.ref('solved_at'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('tickets_first_responded')
    .on('tickets')
    .column('first_responded_at')
    .where(sql.ref('first_responded_at'), 'is not', null)
    .execute();
}
