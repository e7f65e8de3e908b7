// Mail about tickets, per person: the notification preferences of 0003 gain one flag for each
// mail an agent may turn off (a new ticket in their teams, a ticket given to them, an `@` in a
// note, an SLA warning). Existing rows, and people without one, keep getting every mail.
import type { Kysely } from 'kysely';

const COLUMNS = ['mail_new_tickets', 'mail_assigned', 'mail_mentions', 'mail_sla'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of COLUMNS) {
    await db.schema
      .alterTable('notification_preferences')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of [...COLUMNS].reverse()) {
    await db.schema.alterTable('notification_preferences').dropColumn(column).execute();
  }
}
