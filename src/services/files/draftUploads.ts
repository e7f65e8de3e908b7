// The files of a new request: uploaded as drafts (POST /files) before the ticket exists, each its
// uploader's alone until the ticket filed with them takes them into its first message, in the
// transaction that writes it. Someone else's file (or one that is no draft) is refused as if it
// did not exist; one of the caller's already sent, or a draft past its expiry, says so.
import { AppError } from '../../domain/errors.js';
import { checkFileCount } from '../../domain/files/fileLimits.js';
import type { Viewer } from '../../domain/policies.js';
import { attachDrafts, findFilesByIds } from '../../storage/repositories/fileDrafts.js';
import type { FileRow } from '../../storage/schema.js';
import type { Db } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';

const notADraft = () =>
  new AppError(
    'INVALID_ATTACHMENTS',
    'fileIds: each must be a file you uploaded for this request (POST /files)',
    'fileIds',
  );

/** The drafts `fileIds` names, each checked as `viewer`'s, unsent and unexpired. */
export async function checkedDrafts(
  trx: Db,
  ctx: Pick<ServiceContext, 'settings' | 'clock'>,
  props: { viewer: Viewer; fileIds: readonly string[] },
): Promise<FileRow[]> {
  const ids = [...new Set(props.fileIds)];
  checkFileCount(ids.length, ctx.settings.files.limits);
  const rows = await findFilesByIds(trx, ids);
  if (rows.length !== ids.length) throw notADraft();
  const now = ctx.clock.now();
  for (const row of rows) {
    if (row.uploader_id !== props.viewer.id) throw notADraft();
    if (row.attached_at !== null) {
      throw new AppError(
        'FILE_ALREADY_SENT',
        `fileIds: ${row.file_name} was sent already`,
        'fileIds',
      );
    }
    if (row.draft_expires_at === null || row.stored_at === null) throw notADraft();
    if (row.draft_expires_at <= now) {
      throw new AppError(
        'UPLOAD_EXPIRED',
        `fileIds: the upload of ${row.file_name} has expired; upload it again`,
        'fileIds',
      );
    }
  }
  return rows;
}

/**
 * Gives `drafts` (checked by checkedDrafts in this transaction) to the ticket's first message;
 * throws, rolling the ticket back, if one was taken or swept meanwhile.
 */
export async function attachDraftsTo(
  trx: Db,
  ctx: Pick<ServiceContext, 'clock'>,
  drafts: readonly FileRow[],
  viewer: Viewer,
  carrier: { ticketId: string; messageId: string },
): Promise<void> {
  if (drafts.length === 0) return;
  const now = ctx.clock.now();
  const ids = drafts.map((file) => file.id);
  if ((await attachDrafts(trx, ids, viewer.id, carrier, now)) !== drafts.length) {
    throw notADraft();
  }
  for (const file of drafts) {
    Object.assign(file, {
      ticket_id: carrier.ticketId,
      ticket_message_id: carrier.messageId,
      attached_at: now,
      draft_expires_at: null,
    });
  }
}
