// Queries on quick responses: shared ones (no owner) and agents' personal ones.
import type { QuickResponseRow } from '../schema.js';
import type { Db } from '../store.js';

/** Shared responses first, then the agent's own, each by title. */
export const listQuickResponsesFor = (db: Db, agentId: string): Promise<QuickResponseRow[]> =>
  db
    .selectFrom('chat_quick_responses')
    .selectAll()
    .where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', agentId)]))
    .orderBy(({ eb }) => eb.case().when('owner_id', 'is', null).then(0).else(1).end())
    .orderBy('title')
    .orderBy('id')
    .execute();

export const findQuickResponse = (db: Db, id: string): Promise<QuickResponseRow | undefined> =>
  db.selectFrom('chat_quick_responses').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertQuickResponse(db: Db, row: QuickResponseRow): Promise<void> {
  await db.insertInto('chat_quick_responses').values(row).execute();
}

export async function updateQuickResponse(
  db: Db,
  id: string,
  changes: Partial<Pick<QuickResponseRow, 'title' | 'content' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('chat_quick_responses').set(changes).where('id', '=', id).execute();
}

export async function deleteQuickResponse(db: Db, id: string): Promise<void> {
  await db.deleteFrom('chat_quick_responses').where('id', '=', id).execute();
}
