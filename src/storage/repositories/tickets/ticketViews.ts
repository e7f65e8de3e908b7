// Saved inbox views: an agent's own and the shared ones, by name.
import type { Insertable, Updateable } from 'kysely';
import type { TicketViewRow, TicketViewsTable } from '../../schema.js';
import type { Db } from '../../store.js';

/** The views `ownerId` lists: their own and the shared ones. */
export function listTicketViews(db: Db, ownerId: string): Promise<TicketViewRow[]> {
  return db
    .selectFrom('ticket_views')
    .selectAll()
    .where((eb) => eb.or([eb('owner_id', '=', ownerId), eb('shared', '=', 1)]))
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function findTicketView(db: Db, id: string): Promise<TicketViewRow | null> {
  return (
    (await db.selectFrom('ticket_views').selectAll().where('id', '=', id).executeTakeFirst()) ??
    null
  );
}

export async function insertTicketView(db: Db, row: Insertable<TicketViewsTable>): Promise<void> {
  await db.insertInto('ticket_views').values(row).execute();
}

export async function updateTicketView(
  db: Db,
  id: string,
  changes: Updateable<TicketViewsTable>,
): Promise<void> {
  await db.updateTable('ticket_views').set(changes).where('id', '=', id).execute();
}

export async function deleteTicketView(db: Db, id: string): Promise<void> {
  await db.deleteFrom('ticket_views').where('id', '=', id).execute();
}
