// Queries on the single-use links mailed about accounts (stored as the token's SHA-256).
import type { AccountTokenPurpose } from '../../shared/vocabulary.js';
import type { AccountTokenRow } from '../schema.js';
import type { Db } from '../store.js';

export async function insertAccountToken(db: Db, row: AccountTokenRow): Promise<void> {
  await db.insertInto('account_tokens').values(row).execute();
}

export const findAccountToken = (
  db: Db,
  id: string,
  purpose: AccountTokenPurpose,
): Promise<AccountTokenRow | undefined> =>
  db
    .selectFrom('account_tokens')
    .selectAll()
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .executeTakeFirst();

/**
 * Spends the token if it is still unused and unexpired; true when this call spent it. One
 * conditional UPDATE: of two requests with the same link, one wins.
 */
export async function spendAccountToken(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('account_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every other unused link of the person for `purpose` stops working (one was just used). */
export async function spendOtherTokens(
  db: Db,
  userId: string,
  purpose: AccountTokenPurpose,
  now: number,
): Promise<void> {
  await db
    .updateTable('account_tokens')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

/** Links that expired before `before`: the housekeeping sweep removes them. */
export async function deleteExpiredAccountTokens(db: Db, before: number): Promise<void> {
  await db.deleteFrom('account_tokens').where('expires_at', '<=', before).execute();
}
