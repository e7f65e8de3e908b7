// Serves a file to someone who may see it: by the same rules as the message that carries it, a
// chat's (sessionAccess.loadSessionFor, then domain/eventVisibility.ts) or a ticket's
// (ticketAccess.mayReadTicketMessage: the ticket's view rule, then the same notes rule), so a
// note's files reach agents only, and an upload not sent yet (a draft too, until it expires) to its
// uploader alone. Anything else is not found. What it is served as (inline or a sandboxed
// download) is domain/files/fileServing.ts's decision.
import type { Readable } from 'node:stream';
import { AppError, notFound } from '../../domain/errors.js';
import { messageVisibleTo } from '../../domain/eventVisibility.js';
import { servingHeaders, type ServingHeaders } from '../../domain/files/fileServing.js';
import type { Viewer } from '../../domain/policies.js';
import {
  fileKeys,
  findFileWithOwner,
  type CarryingMessage,
  type FileWithOwner,
} from '../../storage/repositories/files.js';
import type { Db } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';
import { loadSessionFor } from '../sessions/sessionAccess.js';
import { loadTicketFor, mayReadTicketMessage } from '../tickets/ticketAccess.js';

export interface OpenedFile {
  content: Readable;
  headers: ServingHeaders;
  /** Bytes, when known before reading (the file itself; a thumbnail's is not kept). */
  size: number | null;
}

export async function openFile(
  ctx: ServiceContext,
  props: { viewer: Viewer; fileId: string; variant: 'original' | 'thumbnail' },
): Promise<OpenedFile> {
  const { db } = ctx.store;
  const found = await findFileWithOwner(db, props.fileId);
  const now = ctx.clock.now();
  if (!found || found.file.stored_at === null || !(await mayRead(db, props.viewer, found, now))) {
    throw notFound('File');
  }
  const { file } = found;
  const thumbnail = props.variant === 'thumbnail';
  if (thumbnail && file.has_thumbnail !== 1) throw notFound('Thumbnail');
  const keys = fileKeys(file.id);
  const content = await ctx.files.get(thumbnail ? keys.thumbnail : keys.original);
  if (!content) throw notFound('File');
  return {
    content,
    headers: servingHeaders(
      thumbnail
        ? { mime: 'image/webp', fileName: `${file.file_name.replace(/\.[^.]*$/, '')}.webp` }
        : { mime: file.mime_type, fileName: file.file_name },
    ),
    size: thumbnail ? null : file.size_bytes,
  };
}

/**
 * One rule per kind of message: the files of a message reach whoever may read the message (a
 * chat's file carried into its ticket, whoever may read either).
 */
async function mayRead(
  db: Db,
  viewer: Viewer,
  { file, messages }: FileWithOwner,
  now: number,
): Promise<boolean> {
  if (messages.length > 0) {
    for (const message of messages) if (await mayReadMessage(db, viewer, message)) return true;
    return false;
  }
  try {
    // Not sent yet (or its message was purged: attached, and swept soon): its uploader's alone,
    // while they may still see where it was uploaded; a draft (no owner yet) until it expires.
    if (file.attached_at !== null || file.uploader_id !== viewer.id) return false;
    if (file.session_id) await loadSessionFor(db, viewer, file.session_id);
    else if (file.ticket_id) await loadTicketFor(db, viewer, file.ticket_id);
    else return file.draft_expires_at !== null && file.draft_expires_at > now;
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
    throw error;
  }
}

async function mayReadMessage(db: Db, viewer: Viewer, message: CarryingMessage): Promise<boolean> {
  try {
    if (message.kind === 'chat') {
      const access = await loadSessionFor(db, viewer, message.sessionId);
      return messageVisibleTo(access.viewer, access.facts, message.type);
    }
    return await mayReadTicketMessage(db, viewer, {
      ticketId: message.ticketId,
      originTicketId: message.originTicketId,
      kind: message.messageKind,
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
    throw error;
  }
}
