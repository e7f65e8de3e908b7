// The attachments of an incoming mail, kept as files of the ticket message it becomes, by the
// rules an upload is held to (services/files/fileUploader.ts#storeFile: type decided from the
// content, size and type limits, images re-encoded; at most FILES_PER_MESSAGE, and from a
// customer only while CUSTOMER_UPLOADS is on). The content is stored before the import's
// transaction, as files of no owner: the transaction gives them to the message, and a crash or
// a failed import leaves files the housekeeping sweep removes (fileSweeper.ts). An attachment
// the rules refuse is dropped, with its reason, and the rest of the mail goes on.
import { AppError } from '../../../domain/errors.js';
import type { DroppedAttachment } from '../../../domain/mail/mailAttachments.js';
import { isAgent, type Viewer } from '../../../domain/policies.js';
import { deleteFileRow, fileKeys } from '../../../storage/repositories/files.js';
import type { FileRow } from '../../../storage/schema.js';
import type { ServiceContext } from '../../context.js';
import { storeFile } from '../../files/fileUploader.js';
import type { IncomingAttachment } from './incomingMail.js';

export interface StoredAttachments {
  kept: FileRow[];
  dropped: DroppedAttachment[];
}

export async function storeMailAttachments(
  ctx: ServiceContext,
  sender: Viewer,
  attachments: readonly IncomingAttachment[],
): Promise<StoredAttachments> {
  const { customerUploads, limits } = ctx.settings.files;
  const result: StoredAttachments = { kept: [], dropped: [] };
  try {
    for (const attachment of attachments) {
      const name = attachment.fileName;
      if (!isAgent(sender) && !customerUploads) {
        result.dropped.push({ name, reason: 'files from customers are turned off' });
      } else if (result.kept.length >= limits.filesPerMessage) {
        result.dropped.push({
          name,
          reason: `a message may carry at most ${limits.filesPerMessage} files`,
        });
      } else {
        try {
          result.kept.push(
            await storeFile(ctx, {
              uploaderId: sender.id,
              owner: null,
              fileName: name,
              declaredType: attachment.contentType,
              content: [attachment.content],
            }),
          );
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          result.dropped.push({ name, reason: error.message });
        }
      }
    }
  } catch (error) {
    await discardAttachments(ctx, result.kept);
    throw error;
  }
  return result;
}

/** Removes files stored for a mail whose import did not take them (ignored, or failed). */
export async function discardAttachments(
  ctx: ServiceContext,
  files: readonly FileRow[],
): Promise<void> {
  for (const file of files) {
    // Best effort: what is left here, the sweep removes.
    await deleteFileRow(ctx.store.db, file.id).catch(() => {});
    await ctx.files.delete(Object.values(fileKeys(file.id))).catch(() => {});
  }
}
