// A chat's files carried into the ticket made from it: the same rows (and the same content in the
// FileStore) also held by the ticket message each transcript line became, through the ticket
// columns a file has beside its chat ones. A file so held is kept while either message holds it,
// and read by either message's rule.
import type { Db } from '../store.js';

/**
 * Gives `ids`, files a chat message carries, to the ticket message `carrier` as well (those no
 * ticket message holds yet); returns how many it took.
 */
export async function carryIntoTicketMessage(
  db: Db,
  ids: readonly string[],
  carrier: { ticketId: string; messageId: string },
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('files')
    .set({ ticket_id: carrier.ticketId, ticket_message_id: carrier.messageId })
    .where('id', 'in', [...ids])
    .where('message_id', 'is not', null)
    .where('ticket_message_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
