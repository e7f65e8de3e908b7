// Ticket reports (docs/reports.md, "Tickets"). The ticket keeps its first response and resolution
// times in business hours, counted on its SLA calendar when the response is written or the
// ticket solved (a calendar's hours may change later; the report keeps what held then). Tickets
// answered or solved before this migration have calendar times only. Indexes let a report read
// a range of first responses, solves and status changes without a scan (creations: 0027's
// `tickets_created`).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('first_response_business_ms', 'bigint').execute();
  await db.schema.alterTable('tickets').addColumn('resolution_business_ms', 'bigint').execute();
  await db.schema
    .createIndex('tickets_first_responded')
    .on('tickets')
    .column('first_responded_at')
    .where(sql.ref('first_responded_at'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('tickets_solved_any')
    .on('tickets')
    .column('solved_at')
    .where(sql.ref('solved_at'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('ticket_events_kind_created')
    .on('ticket_events')
    .columns(['kind', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('ticket_events_kind_created').execute();
  await db.schema.dropIndex('tickets_solved_any').execute();
  await db.schema.dropIndex('tickets_first_responded').execute();
  await db.schema.alterTable('tickets').dropColumn('resolution_business_ms').execute();
  await db.schema.alterTable('tickets').dropColumn('first_response_business_ms').execute();
}
