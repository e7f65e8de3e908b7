// Queries on sign-in sessions (cookies and API tokens), stored by the hash of their secret.
import type { Db } from '../store.js';
import type { Selectable } from 'kysely';
import type { AuthSessionsTable } from '../schema.js';

export type AuthSessionRow = Selectable<AuthSessionsTable>;

export async function insertAuthSession(db: Db, row: AuthSessionRow): Promise<void> {
  await db.insertInto('auth_sessions').values(row).execute();
}

export const findAuthSession = (db: Db, id: string): Promise<AuthSessionRow | undefined> =>
  db.selectFrom('auth_sessions').selectAll().where('id', '=', id).executeTakeFirst();

export async function extendAuthSession(db: Db, id: string, lastSeenAt: number, expiresAt: number) {
  await db
    .updateTable('auth_sessions')
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteAuthSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('id', '=', id).execute();
}

export async function deleteAuthSessionsOf(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredAuthSessions(db: Db, now: number): Promise<number> {
  const result = await db
    .deleteFrom('auth_sessions')
    .where('expires_at', '<', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
