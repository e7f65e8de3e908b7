// A message takes the files its sender uploaded to the chat: each must be theirs, stored whole,
// uploaded to this chat and not sent yet, and a file goes to one message only (the update that
// attaches it is conditional, so two sends racing for it cannot both have it).
import { AppError } from '../../domain/errors.js';
import { checkFileCount } from '../../domain/files/fileLimits.js';
import { isRasterImage } from '../../domain/files/fileTypes.js';
import type { Viewer } from '../../domain/policies.js';
import { attachFiles, findUnsentUploads } from '../../storage/repositories/files.js';
import type { FileRow } from '../../storage/schema.js';
import type { Db } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';

const notAttachable = () =>
  new AppError(
    'INVALID_ATTACHMENTS',
    'fileIds: each must be a file you uploaded to this chat and have not sent yet',
    'fileIds',
  );

/** The uploads `fileIds` names, checked as sendable by `viewer` in `sessionId`. */
export async function unsentUploads(
  trx: Db,
  ctx: Pick<ServiceContext, 'settings'>,
  { viewer, sessionId, fileIds }: { viewer: Viewer; sessionId: string; fileIds: readonly string[] },
): Promise<FileRow[]> {
  const ids = [...new Set(fileIds)];
  checkFileCount(ids.length, ctx.settings.files.limits);
  const rows = await findUnsentUploads(trx, ids, sessionId, viewer.id);
  if (rows.length !== ids.length) throw notAttachable();
  return rows;
}

/** Gives `files` to the message just written; throws (rolling it back) if one was taken meanwhile. */
export async function attachUploads(
  trx: Db,
  ctx: Pick<ServiceContext, 'clock'>,
  files: readonly FileRow[],
  messageId: string,
): Promise<void> {
  const now = ctx.clock.now();
  const taken = await attachFiles(
    trx,
    files.map((file) => file.id),
    messageId,
    now,
  );
  if (taken !== files.length) throw notAttachable();
  for (const file of files) Object.assign(file, { message_id: messageId, attached_at: now });
}

/** A message of images only is an `image` message; any other file makes it a `file` message. */
export const messageTypeFor = (files: readonly FileRow[]): 'image' | 'file' =>
  files.every((file) => isRasterImage(file.mime_type)) ? 'image' : 'file';
