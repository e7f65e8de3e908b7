// Queries on a ticket's thread: public replies and internal notes with their authors, a page of
// them as a viewer may see them, the message a retried reply already stored, and the move of a
// merged ticket's thread to the ticket it was merged into.
import { z } from 'zod';
import { Id } from '../../../shared/api.js';
import type { TicketMessageKind } from '../../../shared/vocabulary.js';
import type { FileRow, TicketMessageRow } from '../../schema.js';
import type { Db } from '../../store.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { PersonRecord } from '../people.js';
import type { PublicReply } from '../../../domain/tickets/responseCycle.js';

export interface TicketMessageRecord {
  row: TicketMessageRow;
  author: PersonRecord | null;
  /** What it carries, once loaded (files.ts#loadTicketFilesOf). */
  files?: FileRow[];
  /** Whether it came by mail whose original is kept (mail_messages.raw), when read back. */
  fromMail?: boolean;
}

function selectMessages(db: Db) {
  return db
    .selectFrom('ticket_messages as m')
    .leftJoin('users as a', 'a.id', 'm.author_id')
    .selectAll('m')
    .select(['a.name as author_name', 'a.email as author_email', 'a.role as author_role'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('mail_messages as mm')
            .select('mm.message_id')
            .whereRef('mm.ticket_message_id', '=', 'm.id')
            .where('mm.direction', '=', 'in')
            .where('mm.raw', 'is not', null),
        )
        .as('from_mail'),
    );
}

type Joined = TicketMessageRow & {
  author_name: string | null;
  author_email: string | null;
  author_role: PersonRecord['role'] | null;
  from_mail: unknown;
};

function toRecord({
  author_name,
  author_email,
  author_role,
  from_mail,
  ...row
}: Joined): TicketMessageRecord {
  return {
    row,
    // 0/1 from SQLite, a boolean from PostgreSQL.
    fromMail: Boolean(from_mail),
    author:
      row.author_id && author_name && author_role
        ? { id: row.author_id, name: author_name, email: author_email, role: author_role }
        : null,
  };
}

export async function insertTicketMessages(
  db: Db,
  rows: readonly TicketMessageRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('ticket_messages')
    .values([...rows])
    .execute();
}

export async function findTicketMessage(
  db: Db,
  id: string,
): Promise<TicketMessageRecord | undefined> {
  const row = await selectMessages(db).where('m.id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

/**
 * The message `authorId` stored with `clientId` when writing to `ticketId`: on the ticket itself,
 * or on a follow-up it made (a reply to a closed ticket lands in a new one).
 */
export async function findTicketMessageByClientId(
  db: Db,
  ticketId: string,
  authorId: string,
  clientId: string,
): Promise<TicketMessageRecord | undefined> {
  const row = await selectMessages(db)
    .where('m.author_id', '=', authorId)
    .where('m.client_id', '=', clientId)
    .where((eb) =>
      eb.or([
        eb('m.origin_ticket_id', '=', ticketId),
        eb(
          'm.origin_ticket_id',
          'in',
          eb.selectFrom('tickets').select('id').where('follow_up_of', '=', ticketId),
        ),
      ]),
    )
    .executeTakeFirst();
  return row && toRecord(row);
}

/** The thread's sort key: created_at (epoch ms), then id. */
const ThreadCursor = z.tuple([z.int(), Id]);

export interface ThreadPageOptions {
  /** Kinds the reader may not see (domain/eventVisibility.ts#hiddenTicketMessageKinds). */
  hiddenKinds: readonly TicketMessageKind[];
  cursor?: string | undefined;
  limit: number;
}

/**
 * A page of the ticket's thread, oldest first: its messages, those of tickets merged into it,
 * and, on a merged ticket, the messages written on it (which now show in the target).
 */
export async function listThread(
  db: Db,
  ticketId: string,
  options: ThreadPageOptions,
): Promise<{ records: TicketMessageRecord[]; nextCursor: string | null }> {
  let query = selectMessages(db)
    .where((eb) =>
      eb.or([eb('m.ticket_id', '=', ticketId), eb('m.origin_ticket_id', '=', ticketId)]),
    )
    .orderBy('m.created_at')
    .orderBy('m.id')
    .limit(options.limit + 1);
  if (options.hiddenKinds.length > 0) {
    query = query.where('m.kind', 'not in', [...options.hiddenKinds]);
  }
  const after = decodeCursor(options.cursor, ThreadCursor);
  if (after) {
    const [createdAt, id] = after;
    query = query.where((eb) =>
      eb.or([
        eb('m.created_at', '>', createdAt),
        eb.and([eb('m.created_at', '=', createdAt), eb('m.id', '>', id)]),
      ]),
    );
  }
  const rows = await query.execute();
  const more = rows.length > options.limit;
  if (more) rows.pop();
  const last = rows.at(-1);
  return {
    records: rows.map(toRecord),
    nextCursor: more && last ? encodeCursor([last.created_at, last.id]) : null,
  };
}

/** Moves every message the thread of `fromId` shows now into the thread of `toId`. */
export async function moveThread(db: Db, fromId: string, toId: string): Promise<number> {
  const result = await db
    .updateTable('ticket_messages')
    .set({ ticket_id: toId })
    .where('ticket_id', '=', fromId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The public replies the ticket's thread shows, oldest first, for the next response target. */
export async function publicReplies(
  db: Db,
  ticket: { id: string; requester_id: string },
): Promise<PublicReply[]> {
  const rows = await db
    .selectFrom('ticket_messages')
    .select(['author_id', 'created_at'])
    .where('ticket_id', '=', ticket.id)
    .where('kind', '=', 'reply')
    .where('author_id', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    at: new Date(row.created_at),
    byRequester: row.author_id === ticket.requester_id,
  }));
}
