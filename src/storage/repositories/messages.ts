// Queries on chat messages, read receipts, and the session event log used for replay.
import { AGENT_ONLY_MESSAGE_TYPES } from '../../domain/eventVisibility.js';
import type { MessageType } from '../../shared/vocabulary.js';
import type { FileRow, MessageRow } from '../schema.js';
import { prepared } from '../prepared.js';
import type { Db } from '../store.js';
import type { PersonRecord } from './people.js';

export interface MessageRecord {
  row: MessageRow;
  sender: PersonRecord | null;
  /** The files it carries: set on `file` and `image` messages, and on notes with files. */
  files?: FileRow[];
}

function selectMessages(db: Db) {
  return db
    .selectFrom('chat_messages as m')
    .leftJoin('users as s', 's.id', 'm.sender_id')
    .selectAll('m')
    .select(['s.name as sender_name', 's.email as sender_email', 's.role as sender_role']);
}

type JoinedMessage = MessageRow & {
  sender_name: string | null;
  sender_email: string | null;
  sender_role: PersonRecord['role'] | null;
};

function toRecord({
  sender_name,
  sender_email,
  sender_role,
  ...row
}: JoinedMessage): MessageRecord {
  return {
    row,
    sender:
      row.sender_id && sender_name && sender_role
        ? { id: row.sender_id, name: sender_name, email: sender_email, role: sender_role }
        : null,
  };
}

export interface NewMessage {
  id: string;
  sessionId: string;
  seq: number;
  senderId: string | null;
  type: MessageType;
  text: string;
  clientId: string | null;
  createdAt: number;
}

function toRow(message: NewMessage): MessageRow {
  return {
    id: message.id,
    session_id: message.sessionId,
    seq: message.seq,
    sender_id: message.senderId,
    message_type: message.type,
    message_text: message.text,
    client_id: message.clientId,
    is_read: 0,
    read_at: null,
    created_at: message.createdAt,
  };
}

export async function insertMessage(db: Db, message: NewMessage): Promise<MessageRow> {
  const row = toRow(message);
  await insertMessageQuery(
    db,
    row.id,
    row.session_id,
    row.seq,
    row.sender_id,
    row.message_type,
    row.message_text,
    row.client_id,
    row.created_at,
  );
  return row;
}

/** Several messages in one statement (a routing batch's "joined" lines). */
export async function insertMessages(
  db: Db,
  messages: readonly NewMessage[],
): Promise<MessageRow[]> {
  const rows = messages.map(toRow);
  if (rows.length > 0) await db.insertInto('chat_messages').values(rows).execute();
  return rows;
}

// Messages are the hottest writes and reads: prepared once (see prepared.ts).
const insertMessageQuery = prepared(
  (
    db: Db,
    id: string,
    sessionId: string,
    seq: number,
    senderId: string | null,
    type: MessageType,
    text: string,
    clientId: string | null,
    createdAt: number,
  ) =>
    db.insertInto('chat_messages').values({
      id,
      session_id: sessionId,
      seq,
      sender_id: senderId,
      message_type: type,
      message_text: text,
      client_id: clientId,
      is_read: 0,
      read_at: null,
      created_at: createdAt,
    }),
);

const messageByClientIdQuery = prepared(
  (db: Db, sessionId: string, senderId: string, clientId: string) =>
    selectMessages(db)
      .where('m.session_id', '=', sessionId)
      .where('m.sender_id', '=', senderId)
      .where('m.client_id', '=', clientId),
);

export async function findMessageByClientId(
  db: Db,
  sessionId: string,
  senderId: string,
  clientId: string,
): Promise<MessageRecord | undefined> {
  const { rows } = await messageByClientIdQuery(db, sessionId, senderId, clientId);
  return rows[0] && toRecord(rows[0]);
}

/** The messages stored under any of `keys` (session, sender and client id), in one query. */
export async function findMessagesByClientIds(
  db: Db,
  keys: ReadonlyArray<{ sessionId: string; senderId: string; clientId: string }>,
): Promise<MessageRecord[]> {
  if (keys.length === 0) return [];
  // One index lookup per key (session, sender, client id: the unique index's columns).
  const rows = await selectMessages(db)
    .where((eb) =>
      eb.or(
        keys.map((k) =>
          eb.and([
            eb('m.session_id', '=', k.sessionId),
            eb('m.sender_id', '=', k.senderId),
            eb('m.client_id', '=', k.clientId),
          ]),
        ),
      ),
    )
    .execute();
  return rows.map(toRecord);
}

export interface MessagePageOptions {
  afterSeq?: number | undefined;
  beforeSeq?: number | undefined;
  limit: number;
  /** Types the reader may not see (domain/eventVisibility.ts#hiddenMessageTypes). */
  hiddenTypes?: readonly MessageType[] | undefined;
}

/**
 * A page of messages, always returned oldest first. With `afterSeq` the page starts just after
 * it; otherwise it is the newest page (before `beforeSeq` when given), for scrolling back.
 */
export async function listMessages(
  db: Db,
  sessionId: string,
  options: MessagePageOptions,
): Promise<{ records: MessageRecord[]; hasMore: boolean }> {
  let query = selectMessages(db)
    .where('m.session_id', '=', sessionId)
    .limit(options.limit + 1);
  if (options.hiddenTypes?.length) {
    query = query.where('m.message_type', 'not in', [...options.hiddenTypes]);
  }
  if (options.afterSeq !== undefined) {
    query = query.where('m.seq', '>', options.afterSeq).orderBy('m.seq', 'asc');
  } else {
    if (options.beforeSeq !== undefined) query = query.where('m.seq', '<', options.beforeSeq);
    query = query.orderBy('m.seq', 'desc');
  }
  const rows = await query.execute();
  const hasMore = rows.length > options.limit;
  if (hasMore) rows.pop();
  if (options.afterSeq === undefined) rows.reverse();
  return { records: rows.map(toRecord), hasMore };
}

/**
 * Marks the other side's messages up to `upToSeq` read by `readerId` and moves the reader's
 * cursor. Returns the cursor's new value, or null when nothing moved (a repeated receipt, or
 * one past no message from anyone else).
 */
export async function markRead(
  db: Db,
  sessionId: string,
  readerId: string,
  upToSeq: number,
  now: number,
): Promise<number | null> {
  const moved = await moveReadCursorQuery(db, sessionId, readerId, upToSeq);
  if (Number(moved.numAffectedRows ?? 0) === 0) return null;
  await markMessagesReadQuery(db, sessionId, readerId, upToSeq, now);
  return upToSeq;
}

/** Internal notes have no read ticks: the customer never reads them, and nobody waits on them. */
const NO_READ_TICKS = [...AGENT_ONLY_MESSAGE_TYPES];

// Every message is read: prepared once (see prepared.ts).
const moveReadCursorQuery = prepared(
  (db: Db, sessionId: string, readerId: string, upToSeq: number) =>
    db
      .updateTable('chat_participants')
      .set({ last_read_seq: upToSeq })
      .where('session_id', '=', sessionId)
      .where('user_id', '=', readerId)
      .where('last_read_seq', '<', upToSeq)
      // Only past a message from someone else: a receipt takes a seq of its own, and one past
      // nothing but receipts would let every receipt call for the next, without end.
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('chat_messages as m')
            .select('m.seq')
            .whereRef('m.session_id', '=', 'chat_participants.session_id')
            .whereRef('m.seq', '>', 'chat_participants.last_read_seq')
            .where('m.seq', '<=', upToSeq)
            .where('m.sender_id', '<>', readerId)
            .where('m.message_type', 'not in', NO_READ_TICKS),
        ),
      ),
);

const markMessagesReadQuery = prepared(
  (db: Db, sessionId: string, readerId: string, upToSeq: number, now: number) =>
    db
      .updateTable('chat_messages')
      .set({ is_read: 1, read_at: now })
      .where('session_id', '=', sessionId)
      .where('seq', '<=', upToSeq)
      .where('is_read', '=', 0)
      .where('sender_id', 'is not', null)
      .where('sender_id', '<>', readerId)
      .where('message_type', 'not in', NO_READ_TICKS),
);

export interface NewSessionEvent {
  sessionId: string;
  seq: number;
  kind: string;
  payload: unknown;
  createdAt: number;
}

/** Several events in one statement (a routing batch's session updates). */
export async function insertSessionEvents(
  db: Db,
  events: readonly NewSessionEvent[],
): Promise<void> {
  if (events.length === 0) return;
  // One event (an end's, a take's): the prepared statement, not a query built anew.
  if (events.length === 1) return insertSessionEvent(db, events[0]!);
  await db
    .insertInto('chat_session_events')
    .values(
      events.map((e) => ({
        session_id: e.sessionId,
        seq: e.seq,
        kind: e.kind,
        payload: JSON.stringify(e.payload),
        created_at: e.createdAt,
      })),
    )
    .execute();
}

export async function insertSessionEvent(db: Db, event: NewSessionEvent): Promise<void> {
  await insertSessionEventQuery(
    db,
    event.sessionId,
    event.seq,
    event.kind,
    JSON.stringify(event.payload),
    event.createdAt,
  );
}

const insertSessionEventQuery = prepared(
  (db: Db, sessionId: string, seq: number, kind: string, payload: string, createdAt: number) =>
    db.insertInto('chat_session_events').values({
      session_id: sessionId,
      seq,
      kind,
      payload,
      created_at: createdAt,
    }),
);

export type LoggedEvent =
  | { seq: number; source: 'message'; message: MessageRecord }
  | { seq: number; source: 'event'; kind: string; payload: unknown };

/** Every durable event of a session after `afterSeq`, in order, at most `limit`. */
export async function eventsAfter(
  db: Db,
  sessionId: string,
  afterSeq: number,
  limit: number,
): Promise<LoggedEvent[]> {
  const [messages, events] = await Promise.all([
    selectMessages(db)
      .where('m.session_id', '=', sessionId)
      .where('m.seq', '>', afterSeq)
      .orderBy('m.seq')
      .limit(limit)
      .execute(),
    db
      .selectFrom('chat_session_events')
      .select(['seq', 'kind', 'payload'])
      .where('session_id', '=', sessionId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute(),
  ]);
  const merged: LoggedEvent[] = [
    ...messages.map((m) => ({ seq: m.seq, source: 'message' as const, message: toRecord(m) })),
    ...events.map((e) => ({
      seq: e.seq,
      source: 'event' as const,
      kind: e.kind,
      payload: JSON.parse(e.payload) as unknown,
    })),
  ];
  return merged.sort((a, b) => a.seq - b.seq).slice(0, limit);
}
