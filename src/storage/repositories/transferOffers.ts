// Queries on transfer offers: made, found with the people they concern, listed for an agent, due
// for expiry, and ended by a conditional update, so an offer ends once whoever asks at once.
import type { Insertable } from 'kysely';
import type { TransferOffersTable, TransferOfferRow } from '../schema.js';
import { prepared } from '../prepared.js';
import type { Db, Store } from '../store.js';
import type { PersonRecord } from './people.js';

/** An offer with its chat's subject and team and the people it names, as it is presented. */
export interface TransferOfferRecord {
  row: TransferOfferRow;
  subject: string;
  teamId: string | null;
  customer: PersonRecord;
  from: PersonRecord;
  to: PersonRecord;
  by: PersonRecord;
  /** The handover note's text, if the offer came with one. */
  note: string | null;
}

function selectOffers(db: Db) {
  return db
    .selectFrom('transfer_offers as o')
    .innerJoin('chat_sessions as cs', 'cs.id', 'o.session_id')
    .innerJoin('users as cu', 'cu.id', 'cs.user_id')
    .innerJoin('users as fa', 'fa.id', 'o.from_agent_id')
    .innerJoin('users as ta', 'ta.id', 'o.to_agent_id')
    .innerJoin('users as ob', 'ob.id', 'o.offered_by')
    .leftJoin('chat_messages as nm', 'nm.id', 'o.note_message_id')
    .selectAll('o')
    .select([
      'cs.subject',
      'cs.team_id',
      'nm.message_text as note',
      'cu.id as cu_id',
      'cu.name as cu_name',
      'cu.email as cu_email',
      'cu.role as cu_role',
      'fa.name as fa_name',
      'fa.email as fa_email',
      'fa.role as fa_role',
      'ta.name as ta_name',
      'ta.email as ta_email',
      'ta.role as ta_role',
      'ob.name as ob_name',
      'ob.email as ob_email',
      'ob.role as ob_role',
    ]);
}

type JoinedOffer = Awaited<ReturnType<ReturnType<typeof selectOffers>['execute']>>[number];

function toRecord(joined: JoinedOffer): TransferOfferRecord {
  const {
    subject,
    team_id,
    note,
    cu_id,
    cu_name,
    cu_email,
    cu_role,
    fa_name,
    fa_email,
    fa_role,
    ta_name,
    ta_email,
    ta_role,
    ob_name,
    ob_email,
    ob_role,
    ...row
  } = joined;
  return {
    row,
    subject,
    teamId: team_id,
    customer: { id: cu_id, name: cu_name, email: cu_email, role: cu_role },
    from: { id: row.from_agent_id, name: fa_name, email: fa_email, role: fa_role },
    to: { id: row.to_agent_id, name: ta_name, email: ta_email, role: ta_role },
    by: { id: row.offered_by, name: ob_name, email: ob_email, role: ob_role },
    note,
  };
}

export async function insertOffer(db: Db, row: Insertable<TransferOffersTable>): Promise<void> {
  await db.insertInto('transfer_offers').values(row).execute();
}

/** One offer with its people; with `store`, PostgreSQL also locks the offer's row. */
export async function findOffer(
  db: Db,
  id: string,
  store?: Store,
): Promise<TransferOfferRecord | undefined> {
  const query = selectOffers(db).where('o.id', '=', id);
  const joined = await (store ? store.forUpdate(query, 'o') : query).executeTakeFirst();
  return joined && toRecord(joined);
}

/** The chat's pending offer, if it has one (at most one, by a unique index); locked with `store`. */
export async function findPendingOffer(
  db: Db,
  sessionId: string,
  store?: Store,
): Promise<TransferOfferRecord | undefined> {
  const query = selectOffers(db)
    .where('o.session_id', '=', sessionId)
    .where('o.status', '=', 'pending');
  const joined = await (store ? store.forUpdate(query, 'o') : query).executeTakeFirst();
  return joined && toRecord(joined);
}

// Asked by every chat that ends or goes back to the queue (most have no offer): prepared once.
const pendingOfferIdQuery = prepared((db: Db, sessionId: string) =>
  db
    .selectFrom('transfer_offers')
    .select('id')
    .where('session_id', '=', sessionId)
    .where('status', '=', 'pending'),
);

/** Whether the chat has a pending offer: the cheap question before findPendingOffer. */
export async function hasPendingOffer(db: Db, sessionId: string): Promise<boolean> {
  const { rows } = await pendingOfferIdQuery(db, sessionId);
  return rows.length > 0;
}

/** The pending offers `userId` receives, made, or whose chat is theirs, oldest first. */
export async function listPendingOffersFor(db: Db, userId: string): Promise<TransferOfferRecord[]> {
  const rows = await selectOffers(db)
    .where('o.status', '=', 'pending')
    .where((eb) =>
      eb.or([
        eb('o.to_agent_id', '=', userId),
        eb('o.from_agent_id', '=', userId),
        eb('o.offered_by', '=', userId),
      ]),
    )
    .orderBy('o.created_at')
    .orderBy('o.id')
    .execute();
  return rows.map(toRecord);
}

/** Pending offers whose deadline has come by `now`, soonest first: the expiry check's work. */
export async function dueOffers(
  db: Db,
  now: number,
  limit: number,
): Promise<Array<{ id: string; session_id: string }>> {
  return db
    .selectFrom('transfer_offers')
    .select(['id', 'session_id'])
    .where('status', '=', 'pending')
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .execute();
}

/** How an offer ended. */
export type OfferEnding = Pick<
  TransferOfferRow,
  'status' | 'resolved_at' | 'resolved_by' | 'returned_to'
>;

/** Ends a pending offer; false when it had already ended (another request was first). */
export async function endOffer(db: Db, id: string, ending: OfferEnding): Promise<boolean> {
  const result = await db
    .updateTable('transfer_offers')
    .set(ending)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
