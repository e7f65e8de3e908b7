// The SLA recounts owed after an edit of a policy or a calendar (services/tickets/slaRecounts.ts):
// one row per set of tickets (a policy's, or those no policy covers) with how far its batches got.
import type { TicketStatus } from '../../../shared/vocabulary.js';
import type { SlaRecountsTable } from '../../schema.js';
import type { Db } from '../../store.js';

/** Statuses whose SLA can still move: a solved or closed ticket's is settled. */
const OPEN: TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];

/**
 * Owes a recount of the tickets under `policyId` (null: under none) from the start. A recount
 * already owed is replaced (what it counted was counted by the old settings): under a new id, so
 * a batch of the old one running meanwhile cannot move the new one's cursor.
 */
export async function markSlaRecount(
  db: Db,
  id: string,
  policyId: string | null,
  now: number,
): Promise<void> {
  await db
    .deleteFrom('sla_recounts')
    .where('policy_id', policyId === null ? 'is' : '=', policyId)
    .execute();
  await db
    .insertInto('sla_recounts')
    .values({ id, policy_id: policyId, after_id: '', marked_at: now })
    .execute();
}

export function slaRecountsOwed(db: Db, limit: number): Promise<SlaRecountsTable[]> {
  return db
    .selectFrom('sla_recounts')
    .selectAll()
    .orderBy('marked_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The next `limit` open tickets of the recount's set after its cursor, in id order. */
export async function ticketsToRecount(
  db: Db,
  recount: Pick<SlaRecountsTable, 'policy_id' | 'after_id'>,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('tickets')
    .select('id')
    .where('sla_policy_id', recount.policy_id === null ? 'is' : '=', recount.policy_id)
    .where('id', '>', recount.after_id)
    .where('status', 'in', OPEN)
    .orderBy('sla_policy_id')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** Moves the recount's cursor to `afterId`, or removes it when `afterId` is null (done). */
export async function advanceSlaRecount(db: Db, id: string, afterId: string | null): Promise<void> {
  if (afterId === null) {
    await db.deleteFrom('sla_recounts').where('id', '=', id).execute();
  } else {
    await db.updateTable('sla_recounts').set({ after_id: afterId }).where('id', '=', id).execute();
  }
}

/** The policies that count on the calendar. */
export async function policiesOnCalendar(db: Db, calendarId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('sla_policies')
    .select('id')
    .where('calendar_id', '=', calendarId)
    .execute();
  return rows.map((row) => row.id);
}

/** The desk's default policy (team_id null), if there is one. */
export async function deskPolicyId(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('sla_policies')
    .select('id')
    .where('team_id', 'is', null)
    .executeTakeFirst();
  return row?.id ?? null;
}
