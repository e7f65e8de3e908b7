// Visitors (docs/architecture.md, Visitor tokens): a guest account is a customer made by the
// widget without a person behind a sign-up, marked so super admins can tell them apart, with the
// address they left to be reached at: not `email`, which is unique and signs in (SSO linking by
// email), while this one nobody has verified. Their tokens live in auth_sessions with kind
// 'visitor', which needs no change of that table.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('is_guest', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('users').addColumn('contact_email', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('contact_email').execute();
  await db.schema.alterTable('users').dropColumn('is_guest').execute();
}
