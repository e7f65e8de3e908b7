// Queries on sign-in sessions (cookies and API tokens), stored by the hash of their secret.
import { prepared } from '../prepared.js';
import type { Db } from '../store.js';
import type { Selectable } from 'kysely';
import type { AuthSessionsTable, UserRow } from '../schema.js';

export type AuthSessionRow = Selectable<AuthSessionsTable>;

export async function insertAuthSession(db: Db, row: AuthSessionRow): Promise<void> {
  await db.insertInto('auth_sessions').values(row).execute();
}

/** The sign-in session and its account, in one query (this runs on every request). */
export async function findAuthSessionWithUser(
  db: Db,
  id: string,
): Promise<{ session: AuthSessionRow; user: UserRow } | undefined> {
  const row = (await sessionWithUserQuery(db, id)).rows[0];
  if (!row) return undefined;
  const {
    session_id,
    session_kind,
    session_created_at,
    session_expires_at,
    session_last_seen_at,
    session_ip,
    session_user_agent,
    ...user
  } = row;
  return {
    user,
    session: {
      id: session_id,
      user_id: user.id,
      kind: session_kind,
      created_at: session_created_at,
      expires_at: session_expires_at,
      last_seen_at: session_last_seen_at,
      ip: session_ip,
      user_agent: session_user_agent,
    },
  };
}

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

// Runs on every authenticated request: prepared once (see prepared.ts).
const sessionWithUserQuery = prepared((db: Db, id: string) =>
  db
    .selectFrom('auth_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('u')
    .select([
      's.id as session_id',
      's.kind as session_kind',
      's.created_at as session_created_at',
      's.expires_at as session_expires_at',
      's.last_seen_at as session_last_seen_at',
      's.ip as session_ip',
      's.user_agent as session_user_agent',
    ])
    .where('s.id', '=', id),
);
