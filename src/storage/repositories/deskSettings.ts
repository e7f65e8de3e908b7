// The desk_settings table: a setting's JSON by key, written whole (the service owns its shape).
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** The setting's parsed JSON, or undefined when it was never saved. */
export async function readDeskSetting(db: Kysely<Database>, key: string): Promise<unknown> {
  const row = await db
    .selectFrom('desk_settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

export async function writeDeskSetting(
  db: Kysely<Database>,
  key: string,
  value: unknown,
  { now, by }: { now: number; by: string | null },
): Promise<void> {
  const row = { value: JSON.stringify(value), updated_at: now, updated_by: by };
  await db
    .insertInto('desk_settings')
    .values({ key, ...row })
    .onConflict((conflict) => conflict.column('key').doUpdateSet(row))
    .execute();
}
