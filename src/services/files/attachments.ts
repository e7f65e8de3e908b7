// A message takes the files its sender uploaded to its chat or ticket: each must be theirs, stored
// whole, uploaded to this chat or ticket and not sent yet, and a file goes to one message only
// (the update that attaches it is conditional, so two sends racing for it cannot both have it).
import { AppError } from '../../domain/errors.js';
import { checkFileCount } from '../../domain/files/fileLimits.js';
import { isRasterImage } from '../../domain/files/fileTypes.js';
import type { Viewer } from '../../domain/policies.js';
import {
  attachFiles,
  findUnsentUploads,
  type FileCarrier,
  type FileOwner,
} from '../../storage/repositories/files.js';
import type { FileRow } from '../../storage/schema.js';
import type { Db } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';

const notAttachable = (owner: FileOwner['kind']) =>
  new AppError(
    'INVALID_ATTACHMENTS',
    `fileIds: each must be a file you uploaded to this ${owner === 'chat' ? 'chat' : 'ticket'} and have not sent yet`,
    'fileIds',
  );

/** The uploads `fileIds` names, checked as sendable by `viewer` in `owner`. */
export async function unsentUploads(
  trx: Db,
  ctx: Pick<ServiceContext, 'settings'>,
  props: { viewer: Viewer; fileIds: readonly string[] } & (
    { sessionId: string } | { owner: FileOwner }
  ),
): Promise<FileRow[]> {
  const owner: FileOwner =
    'owner' in props ? props.owner : { kind: 'chat', sessionId: props.sessionId };
  const ids = [...new Set(props.fileIds)];
  checkFileCount(ids.length, ctx.settings.files.limits);
  const rows = await findUnsentUploads(trx, ids, owner, props.viewer.id);
  if (rows.length !== ids.length) throw notAttachable(owner.kind);
  return rows;
}

/**
 * Gives `files` to the message just written (a chat's, or with `kind: 'ticket'` a ticket's);
 * throws (rolling it back) if one was taken meanwhile.
 */
export async function attachUploads(
  trx: Db,
  ctx: Pick<ServiceContext, 'clock'>,
  files: readonly FileRow[],
  messageId: string,
  kind: FileCarrier['kind'] = 'chat',
): Promise<void> {
  const now = ctx.clock.now();
  const taken = await attachFiles(
    trx,
    files.map((file) => file.id),
    { kind, messageId },
    now,
  );
  if (taken !== files.length) throw notAttachable(kind);
  const column = kind === 'chat' ? 'message_id' : 'ticket_message_id';
  for (const file of files) Object.assign(file, { [column]: messageId, attached_at: now });
}

/** A message of images only is an `image` message; any other file makes it a `file` message. */
export const messageTypeFor = (files: readonly FileRow[]): 'image' | 'file' =>
  files.every((file) => isRasterImage(file.mime_type)) ? 'image' : 'file';
