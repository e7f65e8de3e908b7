// Queries on uploaded files: the row an upload starts as, its completion, the uploads a message
// takes (by a conditional update, so a file is attached once), the files of a page of messages,
// and those no message holds any more, for the sweep. Content lives in the FileStore. A file
// belongs to a chat or to a ticket (its owner), and to one of its messages once sent.
import type { MessageType, TicketMessageKind } from '../../shared/vocabulary.js';
import type { FileRow } from '../schema.js';
import type { Db } from '../store.js';
import type { MessageRecord } from './messages.js';
import type { TicketMessageRecord } from './tickets/ticketMessages.js';

/** The message types whose messages may carry files (a note may). */
export const MESSAGE_TYPES_WITH_FILES: readonly MessageType[] = ['file', 'image', 'note'];

/** The keys of a file's content in the FileStore. */
export const fileKeys = (id: string) => ({ original: id, thumbnail: `${id}.thumbnail` });

/** What a file is uploaded to: a chat, or a ticket. */
export type FileOwner = { kind: 'chat'; sessionId: string } | { kind: 'ticket'; ticketId: string };

/** The message a file is sent in: a chat message, or a ticket's reply or note. */
export interface FileCarrier {
  kind: FileOwner['kind'];
  messageId: string;
}

const MESSAGE_COLUMN = { chat: 'message_id', ticket: 'ticket_message_id' } as const;

export interface NewFile {
  id: string;
  uploaderId: string;
  /** Null until its message takes it (a mail's attachment, stored before its import commits). */
  owner: FileOwner | null;
  fileName: string;
  mimeType: string;
  createdAt: number;
  /** A draft's (no owner until its message exists): until when it may be taken. */
  draftExpiresAt?: number | null;
}

export async function insertFile(db: Db, file: NewFile): Promise<void> {
  await db
    .insertInto('files')
    .values({
      id: file.id,
      uploader_id: file.uploaderId,
      session_id: file.owner?.kind === 'chat' ? file.owner.sessionId : null,
      message_id: null,
      ticket_id: file.owner?.kind === 'ticket' ? file.owner.ticketId : null,
      ticket_message_id: null,
      file_name: file.fileName,
      mime_type: file.mimeType,
      size_bytes: 0,
      width: null,
      height: null,
      has_thumbnail: 0,
      created_at: file.createdAt,
      stored_at: null,
      attached_at: null,
      draft_expires_at: file.draftExpiresAt ?? null,
    })
    .execute();
}

export interface StoredContent {
  sizeBytes: number;
  width: number | null;
  height: number | null;
  hasThumbnail: boolean;
  storedAt: number;
}

/** Records that the content is stored whole; null when the row has meanwhile been swept. */
export async function markStored(
  db: Db,
  id: string,
  content: StoredContent,
): Promise<FileRow | null> {
  const row = await db
    .updateTable('files')
    .set({
      size_bytes: content.sizeBytes,
      width: content.width,
      height: content.height,
      has_thumbnail: content.hasThumbnail ? 1 : 0,
      stored_at: content.storedAt,
    })
    .where('id', '=', id)
    .where('message_id', 'is', null)
    .where('ticket_message_id', 'is', null)
    .where('attached_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** The message carrying a file, with what its visibility rule looks at. */
export type CarryingMessage =
  | { kind: 'chat'; sessionId: string; type: MessageType }
  | {
      kind: 'ticket';
      /** The thread that shows it now (a merge moves it), and the one it was written in. */
      ticketId: string;
      originTicketId: string;
      messageKind: TicketMessageKind;
    };

export interface FileWithOwner {
  file: FileRow;
  /**
   * The messages carrying it, if sent (and not purged): a chat's or a ticket's, or both for a
   * chat's file carried into the ticket made from it (fileLinks.ts).
   */
  messages: CarryingMessage[];
}

export async function findFileWithOwner(db: Db, id: string): Promise<FileWithOwner | undefined> {
  const row = await db
    .selectFrom('files as f')
    .leftJoin('chat_messages as m', 'm.id', 'f.message_id')
    .leftJoin('ticket_messages as t', 't.id', 'f.ticket_message_id')
    .selectAll('f')
    .select([
      'm.session_id as message_session_id',
      'm.message_type as message_type',
      't.ticket_id as message_ticket_id',
      't.origin_ticket_id as message_origin_ticket_id',
      't.kind as ticket_message_kind',
    ])
    .where('f.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const {
    message_session_id,
    message_type,
    message_ticket_id,
    message_origin_ticket_id,
    ticket_message_kind,
    ...file
  } = row;
  const messages: CarryingMessage[] = [];
  if (message_session_id && message_type) {
    messages.push({ kind: 'chat', sessionId: message_session_id, type: message_type });
  }
  if (message_ticket_id && message_origin_ticket_id && ticket_message_kind) {
    messages.push({
      kind: 'ticket',
      ticketId: message_ticket_id,
      originTicketId: message_origin_ticket_id,
      messageKind: ticket_message_kind,
    });
  }
  return { file, messages };
}

export async function deleteFileRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('files').where('id', '=', id).execute();
}

/** Of `ids`, the uploads of `uploaderId` to `owner` that are stored and not yet sent. */
export async function findUnsentUploads(
  db: Db,
  ids: readonly string[],
  owner: FileOwner,
  uploaderId: string,
): Promise<FileRow[]> {
  return db
    .selectFrom('files')
    .selectAll()
    .where('id', 'in', [...ids])
    .where((eb) =>
      owner.kind === 'chat'
        ? eb('session_id', '=', owner.sessionId)
        : eb('ticket_id', '=', owner.ticketId),
    )
    .where('uploader_id', '=', uploaderId)
    .where('message_id', 'is', null)
    .where('ticket_message_id', 'is', null)
    .where('attached_at', 'is', null)
    .where('stored_at', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Gives `ids` to `carrier`, each only if no message took it first; returns how many it took. */
export async function attachFiles(
  db: Db,
  ids: readonly string[],
  carrier: FileCarrier,
  now: number,
): Promise<number> {
  const result = await db
    .updateTable('files')
    .set({ [MESSAGE_COLUMN[carrier.kind]]: carrier.messageId, attached_at: now })
    .where('id', 'in', [...ids])
    .where('message_id', 'is', null)
    .where('ticket_message_id', 'is', null)
    .where('attached_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Gives files stored without an owner (a mail's attachments) to the ticket message the mail
 * became; returns how many it took (one the sweep removed meanwhile is not).
 */
export async function attachToTicketMessage(
  db: Db,
  ids: readonly string[],
  carrier: { ticketId: string; messageId: string },
  now: number,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('files')
    .set({ ticket_id: carrier.ticketId, ticket_message_id: carrier.messageId, attached_at: now })
    .where('id', 'in', [...ids])
    .where('session_id', 'is', null)
    .where('ticket_id', 'is', null)
    .where('draft_expires_at', 'is', null)
    .where('attached_at', 'is', null)
    .where('stored_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The files of each of `messageIds` (chat messages, or a ticket's), in the order they were uploaded. */
export async function filesOfMessages(
  db: Db,
  messageIds: readonly string[],
  kind: FileCarrier['kind'] = 'chat',
): Promise<Map<string, FileRow[]>> {
  const byMessage = new Map<string, FileRow[]>();
  if (messageIds.length === 0) return byMessage;
  const column = MESSAGE_COLUMN[kind];
  const rows = await db
    .selectFrom('files')
    .selectAll()
    .where(column, 'in', [...messageIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = byMessage.get(row[column]!) ?? [];
    list.push(row);
    byMessage.set(row[column]!, list);
  }
  return byMessage;
}

/**
 * Removes, at most `limit` at a time, the rows of files no message holds (of a chat or of a
 * ticket): those whose message was purged (attached once, no message now), uploads never sent
 * since `abandonedBefore`, and drafts expired by `now`.
 * Returns the ids removed, whose content the caller then deletes. A send attaching one of them
 * at the same moment finds it gone (its conditional update takes nothing).
 */
export async function deleteUnownedFiles(
  db: Db,
  { abandonedBefore, now }: { abandonedBefore: number; now: number },
  limit: number,
): Promise<string[]> {
  const candidates = await db
    .selectFrom('files')
    .select('id')
    .where('message_id', 'is', null)
    .where('ticket_message_id', 'is', null)
    .where((eb) =>
      eb.or([
        eb('attached_at', 'is not', null),
        eb.and([eb('draft_expires_at', 'is', null), eb('created_at', '<', abandonedBefore)]),
        eb('draft_expires_at', '<=', now),
      ]),
    )
    .orderBy('created_at')
    .limit(limit)
    .execute();
  if (candidates.length === 0) return [];
  const deleted = await db
    .deleteFrom('files')
    .where(
      'id',
      'in',
      candidates.map((c) => c.id),
    )
    .where('message_id', 'is', null)
    .where('ticket_message_id', 'is', null)
    .returning('id')
    .execute();
  return deleted.map((row) => row.id);
}

/**
 * Sets `files` on those of `records` that may carry some (one query, and none when no record
 * can): a `file` or `image` message always gets a list, a note only when it has files.
 */
export async function loadFilesOf(db: Db, records: readonly MessageRecord[]): Promise<void> {
  const owners = records.filter((record) =>
    MESSAGE_TYPES_WITH_FILES.includes(record.row.message_type),
  );
  if (owners.length === 0) return;
  const byMessage = await filesOfMessages(
    db,
    owners.map((record) => record.row.id),
  );
  for (const record of owners) {
    const files = byMessage.get(record.row.id);
    if (files) record.files = files;
    else if (record.row.message_type !== 'note') record.files = [];
  }
}

/** Sets `files` on each of `records`: every ticket message has a list, possibly empty. */
export async function loadTicketFilesOf(
  db: Db,
  records: readonly TicketMessageRecord[],
): Promise<void> {
  const byMessage = await filesOfMessages(
    db,
    records.map((record) => record.row.id),
    'ticket',
  );
  for (const record of records) record.files = byMessage.get(record.row.id) ?? [];
}
