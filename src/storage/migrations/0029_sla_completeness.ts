// SLA completeness (docs/tickets.md#sla): the next response target's due time and state on the
// ticket, beside the first response's and the resolution's; and the recounts owed after an edit
// of an SLA policy or a business calendar, worked off in batches by the housekeeping node
// (services/tickets/slaRecounts.ts), read through an index of the tickets by their policy. And
// the inbox of a team over several statuses (`new,open`, the usual view) by update or priority:
// an index in the sort's order after the team, so a page reads about a page of rows rather than
// sorting every new and open ticket of the team (docs/performance.md, tickets scenario).
import { type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('next_response_due_at', 'bigint').execute();
  await db.schema.alterTable('tickets').addColumn('next_response_state', 'text').execute();

  await db.schema
    .createTable('sla_recounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The tickets the policy covers; null: the tickets no policy covers.
    .addColumn('policy_id', 'text')
    // The last ticket id counted again ('' before the first batch): batches go in id order.
    .addColumn('after_id', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('tickets_sla_policy')
    .on('tickets')
    .columns(['sla_policy_id', 'id'])
    .execute();
  await db.schema
    .createIndex('tickets_team_updated')
    .on('tickets')
    .columns(['team_id', 'updated_at', 'id'])
    .execute();
  await db.schema
    .createIndex('tickets_team_priority')
    .on('tickets')
    .columns(['team_id', 'priority_rank', 'updated_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tickets_team_priority').execute();
  await db.schema.dropIndex('tickets_team_updated').execute();
  await db.schema.dropIndex('tickets_sla_policy').execute();
  await db.schema.dropTable('sla_recounts').execute();
  await db.schema.alterTable('tickets').dropColumn('next_response_state').execute();
  await db.schema.alterTable('tickets').dropColumn('next_response_due_at').execute();
}
