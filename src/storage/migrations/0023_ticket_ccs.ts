// A ticket's CCs: the people copied on it, kept as addresses (most are nobody's account yet),
// linked when read to the account that has the address (one made later by their first mail
// too; an account whose address changed is no longer this CC, as the mail goes to the address). The mail that opened or answered the
// ticket adds its Cc addresses; agents see and change the list. The desk's public replies are
// copied to them, and their answers by mail thread onto the ticket as their own messages.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ticket_ccs')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    // Lowercased, as every address the import reads.
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_ccs_pk', ['ticket_id', 'email'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ticket_ccs').execute();
}
