// Queries on the mail outbox: queue a mail, claim the next due one for a worker, settle it, and
// list and retry mail for the super admins' page.
import { z } from 'zod';
import { Id } from '../../../shared/api.js';
import type { MailStatus } from '../../../shared/vocabulary.js';
import type { MailOutboxTable, MailRow } from '../../schema.js';
import type { Db } from '../../store.js';
import { decodeCursor, encodeCursor } from '../cursor.js';

export async function insertMail(db: Db, row: MailOutboxTable): Promise<void> {
  await db.insertInto('mail_outbox').values(row).execute();
}

/** How many due rows a claim looks at: a worker that loses one to another tries the next. */
const CANDIDATES = 5;

/**
 * Claims the mail due first for the claim `claim` until `claimExpiresAt`, and counts the attempt.
 * Due means queued with its time come, or sending under a claim that ran out (a crashed worker):
 * a claim moves next_attempt_at to its expiry, so both are one condition on one index. The claim
 * is a conditional UPDATE of one row: on PostgreSQL a second worker's UPDATE of the same row
 * waits for the first to commit, then finds the condition false and claims nothing, so each
 * row goes to one worker without holding a lock while the mail is sent; SQLite serializes
 * writers anyway.
 */
export async function claimDueMail(
  db: Db,
  { claim, now, claimExpiresAt }: { claim: string; now: number; claimExpiresAt: number },
): Promise<MailRow | undefined> {
  const candidates = await db
    .selectFrom('mail_outbox')
    .select('id')
    .where('status', 'in', ['queued', 'sending'])
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(CANDIDATES)
    .execute();
  for (const { id } of candidates) {
    const row = await db
      .updateTable('mail_outbox')
      .set((eb) => ({
        status: 'sending',
        attempts: eb('attempts', '+', 1),
        claimed_by: claim,
        claim_expires_at: claimExpiresAt,
        next_attempt_at: claimExpiresAt,
      }))
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'sending'])
      .where('next_attempt_at', '<=', now)
      .returningAll()
      .executeTakeFirst();
    if (row) return row;
  }
  return undefined;
}

/**
 * The SMTP server took the mail. Recorded whoever holds the claim now: if this worker's claim
 * ran out and another took the row, the mail has left all the same. `scrub` empties the bodies
 * of a mail whose link must not linger in the database (a password reset).
 */
export async function markSent(
  db: Db,
  id: string,
  { now, scrub }: { now: number; scrub: boolean },
): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({
      status: 'sent',
      sent_at: now,
      claimed_by: null,
      claim_expires_at: null,
      last_error: null,
      ...(scrub ? { text_body: '', html_body: '' } : {}),
    })
    .where('id', '=', id)
    .where('status', '!=', 'sent')
    .execute();
}

/**
 * A failed attempt's outcome, recorded only under this worker's own claim: a worker whose claim
 * ran out must not undo what the worker that took the row over decided.
 */
export async function settleClaim(
  db: Db,
  id: string,
  claim: string,
  outcome: {
    status: Exclude<MailStatus, 'sent' | 'sending'>;
    nextAttemptAt?: number;
    error: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbox')
    .set({
      status: outcome.status,
      ...(outcome.nextAttemptAt !== undefined ? { next_attempt_at: outcome.nextAttemptAt } : {}),
      claimed_by: null,
      claim_expires_at: null,
      last_error: outcome.error.slice(0, 1000),
    })
    .where('id', '=', id)
    .where('claimed_by', '=', claim)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A dead or cancelled mail goes back to the queue, due now, with its attempts counted afresh. */
export async function requeueMail(db: Db, id: string, now: number): Promise<MailRow | undefined> {
  return db
    .updateTable('mail_outbox')
    .set({ status: 'queued', attempts: 0, next_attempt_at: now, last_error: null })
    .where('id', '=', id)
    .where('status', 'in', ['dead', 'cancelled'])
    .returningAll()
    .executeTakeFirst();
}

export const findMail = (db: Db, id: string): Promise<MailRow | undefined> =>
  db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();

export interface MailFilter {
  status?: MailStatus | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** The list's sort key: newest first, then id. */
const MailCursor = z.tuple([z.number().int().min(0), Id]);

/** Mail newest first, optionally of one status, a page at a time. */
export async function listMail(
  db: Db,
  filter: MailFilter,
): Promise<{ rows: MailRow[]; nextCursor: string | null }> {
  let query = db
    .selectFrom('mail_outbox')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.status) query = query.where('status', '=', filter.status);
  const after = decodeCursor(filter.cursor, MailCursor);
  if (after) {
    const [createdAt, id] = after;
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', createdAt),
        eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
      ]),
    );
  }
  const rows = await query.execute();
  const more = rows.length > filter.limit;
  if (more) rows.pop();
  const last = rows.at(-1);
  return { rows, nextCursor: more && last ? encodeCursor([last.created_at, last.id]) : null };
}

/** How many mails are in each status, for the page's summary. */
export async function countMailByStatus(db: Db): Promise<Partial<Record<MailStatus, number>>> {
  const rows = await db
    .selectFrom('mail_outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Mail that left (or was cancelled) before `before` is forgotten; dead mail waits for an admin. */
export async function deleteSettledMail(db: Db, before: number): Promise<void> {
  await db
    .deleteFrom('mail_outbox')
    .where('status', 'in', ['sent', 'cancelled'])
    .where('created_at', '<', before)
    .execute();
}
