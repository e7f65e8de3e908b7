// Opening hours per team (docs/tickets.md, Opening hours): a team may name one of the business
// calendars as the hours its live chat is open. Null: always open (the SLA policy's calendar
// counts a ticket's clock and is not taken as opening hours).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('teams')
    .addColumn('calendar_id', 'text', (c) => c.references('business_calendars.id'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('teams').dropColumn('calendar_id').execute();
}
