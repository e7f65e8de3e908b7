// Queries on uploaded files: the row an upload starts as, its completion, the uploads a message
// takes (by a conditional update, so a file is attached once), the files of a page of messages,
// and those no message holds any more, for the sweep. Content lives in the FileStore.
import type { MessageType } from '../../shared/vocabulary.js';
import type { FileRow } from '../schema.js';
import type { Db } from '../store.js';
import type { MessageRecord } from './messages.js';

/** The message types whose messages may carry files (a note may). */
export const MESSAGE_TYPES_WITH_FILES: readonly MessageType[] = ['file', 'image', 'note'];

/** The keys of a file's content in the FileStore. */
export const fileKeys = (id: string) => ({ original: id, thumbnail: `${id}.thumbnail` });

export interface NewFile {
  id: string;
  uploaderId: string;
  sessionId: string;
  fileName: string;
  mimeType: string;
  createdAt: number;
}

export async function insertFile(db: Db, file: NewFile): Promise<void> {
  await db
    .insertInto('files')
    .values({
      id: file.id,
      uploader_id: file.uploaderId,
      session_id: file.sessionId,
      message_id: null,
      file_name: file.fileName,
      mime_type: file.mimeType,
      size_bytes: 0,
      width: null,
      height: null,
      has_thumbnail: 0,
      created_at: file.createdAt,
      stored_at: null,
      attached_at: null,
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
    .where('attached_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export interface FileWithOwner {
  file: FileRow;
  /** The chat message carrying it, if sent (and not purged). */
  message: { sessionId: string; type: MessageType } | null;
}

export async function findFileWithOwner(db: Db, id: string): Promise<FileWithOwner | undefined> {
  const row = await db
    .selectFrom('files as f')
    .leftJoin('chat_messages as m', 'm.id', 'f.message_id')
    .selectAll('f')
    .select(['m.session_id as message_session_id', 'm.message_type as message_type'])
    .where('f.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { message_session_id, message_type, ...file } = row;
  return {
    file,
    message:
      message_session_id && message_type
        ? { sessionId: message_session_id, type: message_type }
        : null,
  };
}

export async function deleteFileRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('files').where('id', '=', id).execute();
}

/** Of `ids`, the uploads of `uploaderId` to `sessionId` that are stored and not yet sent. */
export async function findUnsentUploads(
  db: Db,
  ids: readonly string[],
  sessionId: string,
  uploaderId: string,
): Promise<FileRow[]> {
  return db
    .selectFrom('files')
    .selectAll()
    .where('id', 'in', [...ids])
    .where('session_id', '=', sessionId)
    .where('uploader_id', '=', uploaderId)
    .where('message_id', 'is', null)
    .where('attached_at', 'is', null)
    .where('stored_at', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Gives `ids` to `messageId`, each only if no message took it first; returns how many it took. */
export async function attachFiles(
  db: Db,
  ids: readonly string[],
  messageId: string,
  now: number,
): Promise<number> {
  const result = await db
    .updateTable('files')
    .set({ message_id: messageId, attached_at: now })
    .where('id', 'in', [...ids])
    .where('message_id', 'is', null)
    .where('attached_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The files of each of `messageIds`, in the order they were uploaded. */
export async function filesOfMessages(
  db: Db,
  messageIds: readonly string[],
): Promise<Map<string, FileRow[]>> {
  const byMessage = new Map<string, FileRow[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .selectFrom('files')
    .selectAll()
    .where('message_id', 'in', [...messageIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = byMessage.get(row.message_id!) ?? [];
    list.push(row);
    byMessage.set(row.message_id!, list);
  }
  return byMessage;
}

/**
 * Removes, at most `limit` at a time, the rows of files no message holds: those whose message
 * was purged (attached once, no message now) and uploads never sent since `abandonedBefore`.
 * Returns the ids removed, whose content the caller then deletes. A send attaching one of them
 * at the same moment finds it gone (its conditional update takes nothing).
 */
export async function deleteUnownedFiles(
  db: Db,
  abandonedBefore: number,
  limit: number,
): Promise<string[]> {
  const candidates = await db
    .selectFrom('files')
    .select('id')
    .where('message_id', 'is', null)
    .where((eb) =>
      eb.or([eb('attached_at', 'is not', null), eb('created_at', '<', abandonedBefore)]),
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
