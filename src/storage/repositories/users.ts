// Queries on people's accounts.
import { z } from 'zod';
import { Id, text } from '../../shared/api.js';
import { AGENT_ROLES, LIMITS, type Role } from '../../shared/vocabulary.js';
import type { UserRow } from '../schema.js';
import type { Db } from '../store.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { PersonRecord } from './people.js';
import { containsText } from './textMatch.js';

export const findUserById = (db: Db, id: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const findUserByEmail = (db: Db, email: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();

export const findUserByExternalId = (db: Db, externalId: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().where('external_id', '=', externalId).executeTakeFirst();

export async function insertUser(db: Db, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(
  db: Db,
  id: string,
  changes: Partial<Omit<UserRow, 'id'>>,
): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

export async function countActiveSuperAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'super_admin')
    .where('is_active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface AccountFilter {
  role?: Role | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** The accounts list's sort key: name, then id. */
const AccountCursor = z.tuple([text(LIMITS.name), Id]);

/** Accounts by name, then id; `q` matches name or email, case-insensitively. */
export async function listUsers(
  db: Db,
  filter: AccountFilter,
): Promise<{ rows: UserRow[]; nextCursor: string | null }> {
  let query = db
    .selectFrom('users')
    .selectAll()
    .orderBy('name')
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.role) query = query.where('role', '=', filter.role);
  const q = filter.q;
  if (q) query = query.where((eb) => eb.or([containsText('name', q), containsText('email', q)]));
  const after = decodeCursor(filter.cursor, AccountCursor);
  if (after) {
    const [name, id] = after;
    query = query.where((eb) =>
      eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', id)])]),
    );
  }
  const rows = await query.execute();
  const more = rows.length > filter.limit;
  if (more) rows.pop();
  const last = rows.at(-1);
  return { rows, nextCursor: more && last ? encodeCursor([last.name, last.id]) : null };
}

/** Every active agent and super admin, as people (whom a note's `@` may name). */
export const listActiveAgents = (db: Db): Promise<PersonRecord[]> =>
  db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role'])
    .where('role', 'in', [...AGENT_ROLES])
    .where('is_active', '=', 1)
    .orderBy('name')
    .orderBy('id')
    .execute();
