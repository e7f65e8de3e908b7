// Draft uploads: a file uploaded before the message that will carry it exists (the files of a new
// request, uploaded while its form is filled in) belongs to its uploader alone until then. It has
// no owner yet (no chat, no ticket) and `draft_expires_at` says until when the new ticket may take
// it; after that the housekeeping sweep removes it, as it removes any upload never sent. A file
// with neither owner nor expiry is a mail's attachment on its way to the ticket its mail becomes:
// nobody may claim that one as a draft.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('files').addColumn('draft_expires_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Drafts then look like abandoned uploads, which the sweep removes by their age.
  await db.schema.alterTable('files').dropColumn('draft_expires_at').execute();
}
