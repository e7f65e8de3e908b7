// SLA completeness (docs/tickets.md#sla): the next response target's due time and state on the
// ticket, beside the first response's and the resolution's.
import { type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('next_response_due_at', 'bigint').execute();
  await db.schema.alterTable('tickets').addColumn('next_response_state', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tickets').dropColumn('next_response_state').execute();
  await db.schema.alterTable('tickets').dropColumn('next_response_due_at').execute();
}
