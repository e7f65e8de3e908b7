// Queries on drafts, the files uploaded before the message that will carry them exists (a new
// request's): those named by a ticket being filed, and the conditional update that gives them to
// its first message, so a draft is taken once, by its uploader, before it expires.
import type { FileRow } from '../schema.js';
import type { Db } from '../store.js';

/** The files `ids` names, drafts or not (the caller tells the caller why one will not do). */
export async function findFilesByIds(db: Db, ids: readonly string[]): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('files')
    .selectAll()
    .where('id', 'in', [...ids])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * Gives `ids`, drafts of `uploaderId`'s still unexpired at `now`, to the ticket message just
 * written; returns how many it took (one taken or swept meanwhile is not).
 */
export async function attachDrafts(
  db: Db,
  ids: readonly string[],
  uploaderId: string,
  carrier: { ticketId: string; messageId: string },
  now: number,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('files')
    .set({
      ticket_id: carrier.ticketId,
      ticket_message_id: carrier.messageId,
      attached_at: now,
      draft_expires_at: null,
    })
    .where('id', 'in', [...ids])
    .where('uploader_id', '=', uploaderId)
    .where('session_id', 'is', null)
    .where('ticket_id', 'is', null)
    .where('message_id', 'is', null)
    .where('ticket_message_id', 'is', null)
    .where('attached_at', 'is', null)
    .where('stored_at', 'is not', null)
    .where('draft_expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
