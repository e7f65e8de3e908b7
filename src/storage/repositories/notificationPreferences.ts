// Queries on each person's notification preferences: one row per person who changed them.
import type { NotificationPreferencesRow } from '../schema.js';
import type { Db } from '../store.js';

export const findNotificationPreferences = (
  db: Db,
  userId: string,
): Promise<NotificationPreferencesRow | undefined> =>
  db
    .selectFrom('notification_preferences')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();

export async function saveNotificationPreferences(
  db: Db,
  row: NotificationPreferencesRow,
): Promise<void> {
  const { user_id: _userId, ...changes } = row;
  await db
    .insertInto('notification_preferences')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet(changes))
    .execute();
}
