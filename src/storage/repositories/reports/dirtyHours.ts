// The hours whose chat metrics must be counted again: written with every change to a chat that
// moves a metric (docs/reports.md), read and cleared by the rollup worker.
import { sql } from 'kysely';
import type { Db } from '../../store.js';

/**
 * Marks the UTC hour each of `sessionIds` started in, in one statement that reads the start from
 * the chat's row (already locked by the change). Row ids are `mark:session`, so one mark per
 * change and chat; plain inserts, so chats of one hour never wait on each other's row.
 */
export async function markChatHours(
  db: Db,
  mark: string,
  sessionIds: readonly string[],
  now: number,
): Promise<void> {
  if (sessionIds.length === 0) return;
  await db
    .insertInto('report_dirty_hours')
    .columns(['id', 'hour_start', 'marked_at'])
    .expression(
      db
        .selectFrom('chat_sessions')
        .select([
          sql<string>`${mark} || ':' || chat_sessions.id`.as('id'),
          sql<number>`chat_sessions.started_at - (chat_sessions.started_at % 3600000)`.as(
            'hour_start',
          ),
          sql<number>`cast(${now} as bigint)`.as('marked_at'),
        ])
        .where('id', 'in', sessionIds),
    )
    .execute();
}

/** Up to `limit` dirty hours, newest first, with the ids of their marks as they are now. */
export async function dirtyHours(
  db: Db,
  limit: number,
): Promise<Array<{ hourStart: number; ids: string[] }>> {
  const hours = await db
    .selectFrom('report_dirty_hours')
    .select('hour_start')
    .distinct()
    .orderBy('hour_start', 'desc')
    .limit(limit)
    .execute();
  if (hours.length === 0) return [];
  const marks = await db
    .selectFrom('report_dirty_hours')
    .select(['id', 'hour_start'])
    .where(
      'hour_start',
      'in',
      hours.map((h) => Number(h.hour_start)),
    )
    .execute();
  const byHour = new Map<number, string[]>();
  for (const mark of marks) {
    const hour = Number(mark.hour_start);
    byHour.set(hour, [...(byHour.get(hour) ?? []), mark.id]);
  }
  return [...byHour].map(([hourStart, ids]) => ({ hourStart, ids }));
}

/** Clears the marks counted; marks written meanwhile stay, and their hour is counted again. */
export async function clearMarks(db: Db, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .deleteFrom('report_dirty_hours')
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  }
}
