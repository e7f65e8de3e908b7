// Outgoing mail: `mail_outbox` holds every mail to send, written in the same transaction as the
// change that causes it (services/mail/outbox/), and sent by the outbox worker, which claims a
// row at a time with an expiry (claimed_by, claim_expires_at) so that on several nodes each row
// goes to one worker and a row a crashed node held is tried again once its claim runs out.
// `account_tokens` holds the single-use links mailed for a password reset or to verify a new
// address, as the SHA-256 of the token only.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // What the mail is (password_reset, email_verification, ticket_reply…), for the admin page.
    .addColumn('kind', 'text', (c) => c.notNull())
    // The account it is for, checked again at send time (no mail to a deactivated account).
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    // JSON: Message-ID, In-Reply-To, References, Auto-Submitted, List-Unsubscribe.
    .addColumn('headers', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id').onDelete('set null'))
    // queued → sending → sent; back to queued after a failure, dead after the last try,
    // cancelled when the account was deactivated before the mail left.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claim_expires_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .execute();
  // The worker's question: what is due (queued and time has come, or sending and claim ran out).
  await db.schema
    .createIndex('mail_outbox_due')
    .on('mail_outbox')
    .columns(['status', 'next_attempt_at'])
    .where(sql.ref('status'), 'in', sql`('queued', 'sending')`)
    .execute();
  // The admin page: mail of a status, newest first.
  await db.schema
    .createIndex('mail_outbox_status')
    .on('mail_outbox')
    .columns(['status', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('account_tokens')
    // SHA-256 of the token the mail carries; the token itself is never stored here.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    // For email_verification: the address that takes effect once verified.
    .addColumn('email', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('account_tokens_user')
    .on('account_tokens')
    .columns(['user_id', 'purpose'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('account_tokens').execute();
  await db.schema.dropTable('mail_outbox').execute();
}
