// Queries of a ticket's CCs (0023_ticket_ccs): the list (in the order added, those added at once by
// address) with the account each address is linked
// to, adding addresses (each once: a second import or a concurrent edit adds nothing), replacing
// the list, and which of a list of addresses belong to a deactivated account.
import type { Db } from '../../store.js';

export interface TicketCcRecord {
  email: string;
  /** The account of the address, when there is one. */
  user: { id: string; name: string; isActive: boolean } | null;
}

/** The ticket's CCs in the order they were added, linked to the account of their address. */
export async function listTicketCcs(db: Db, ticketId: string): Promise<TicketCcRecord[]> {
  const rows = await db
    .selectFrom('ticket_ccs as c')
    // By address, so an account made after the CC was added (their first mail) is linked too.
    .leftJoin('users as u', 'u.email', 'c.email')
    .select(['c.email', 'u.id', 'u.name', 'u.is_active'])
    .where('c.ticket_id', '=', ticketId)
    .orderBy('c.added_at')
    .orderBy('c.email')
    .execute();
  return rows.map((row) => ({
    email: row.email,
    user: row.id ? { id: row.id, name: row.name!, isActive: row.is_active === 1 } : null,
  }));
}

/** Adds `emails` (lowercased) the ticket does not have yet. */
export async function addTicketCcs(
  db: Db,
  ticketId: string,
  emails: readonly string[],
  now: number,
): Promise<void> {
  if (emails.length === 0) return;
  await db
    .insertInto('ticket_ccs')
    .values(
      emails.map((email) => ({
        ticket_id: ticketId,
        email,
        added_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['ticket_id', 'email']).doNothing())
    .execute();
}

/** The ticket's CCs become `emails`: the others are removed, the new ones added. */
export async function replaceTicketCcs(
  db: Db,
  ticketId: string,
  emails: readonly string[],
  now: number,
): Promise<void> {
  let removal = db.deleteFrom('ticket_ccs').where('ticket_id', '=', ticketId);
  if (emails.length > 0) removal = removal.where('email', 'not in', [...emails]);
  await removal.execute();
  await addTicketCcs(db, ticketId, emails, now);
}

/** Which of `emails` are the address of a deactivated account. */
export async function deactivatedAddresses(db: Db, emails: readonly string[]): Promise<string[]> {
  if (emails.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('email')
    .where('email', 'in', [...emails])
    .where('is_active', '!=', 1)
    .execute();
  return rows.flatMap((row) => (row.email ? [row.email] : []));
}

/** Whether `email` is one of the ticket's CCs. */
export async function isTicketCc(db: Db, ticketId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('ticket_ccs')
    .select('email')
    .where('ticket_id', '=', ticketId)
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}
