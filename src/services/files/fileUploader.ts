// Someone in a chat or a ticket, or filing a new request, uploads a file for a message they are
// about to send. The upload streams in:
// its first bytes decide its type (domain/files/fileTypes.ts) before anything is kept, then it
// goes to the FileStore as it arrives (an image is first re-encoded: imageProcessing.ts). A
// `files` row exists from the first stored byte, so an upload cut short anywhere, or a node that
// dies meanwhile, leaves nothing the sweep does not remove; a failure here removes it at once.
import { AppError } from '../../domain/errors.js';
import { DRAFT_UPLOAD_MS, fileTooLarge, type FileLimits } from '../../domain/files/fileLimits.js';
import { sanitizeFileName } from '../../domain/files/fileNames.js';
import { decideFileType, SAMPLE_BYTES } from '../../domain/files/fileTypes.js';
import { isAgent, sessionPolicy, ticketPolicy, type Viewer } from '../../domain/policies.js';
import {
  deleteFileRow,
  fileKeys,
  insertFile,
  markStored,
  type FileOwner,
} from '../../storage/repositories/files.js';
import type { FileContent } from '../../storage/files/fileStore.js';
import type { FileRow } from '../../storage/schema.js';
import type { ServiceContext } from '../context.js';
import { loadSessionFor } from '../sessions/sessionAccess.js';
import { loadTicketFor } from '../tickets/ticketAccess.js';
import { processImage } from './imageProcessing.js';
import {
  assertMayUpload,
  assertMayUploadToTicket,
  countUpload,
  uploadsDisabled,
} from './uploadRules.js';

/**
 * Where the upload goes: the chat `sessionId`, the ticket `ticketId`, or (`draft`) nowhere yet:
 * the new request its uploader is about to file (draftUploads.ts).
 */
export type UploadTarget =
  | { sessionId: string; ticketId?: never; draft?: never }
  | { ticketId: string; sessionId?: never; draft?: never }
  | { draft: true; sessionId?: never; ticketId?: never };

export type UploadProps = UploadTarget & {
  viewer: Viewer;
  /** The name the client gave (cleaned here). */
  fileName: string;
  /** The type the client declared, a claim checked against the content. */
  declaredType?: string | undefined;
  /** The bytes as they arrive; a failure of theirs means the upload was cut short. */
  content: FileContent;
  /** True once the content has stopped at the size limit (the multipart parser cuts it there). */
  truncated?: () => boolean;
};

export async function uploadFile(ctx: ServiceContext, props: UploadProps): Promise<FileRow> {
  const { viewer } = props;
  const owner = props.draft
    ? assertMayUploadDraft(ctx, viewer)
    : await assertMayUploadTo(ctx, props);
  await countUpload(ctx.store.db, ctx, viewer.id);
  return storeFile(ctx, {
    ...props,
    uploaderId: viewer.id,
    owner,
    draftExpiresAt: props.draft ? ctx.clock.now() + DRAFT_UPLOAD_MS : null,
  });
}

export interface FileToStore {
  uploaderId: string;
  /** Null for a file whose message is not written yet (a mail's attachment, before its import). */
  owner: FileOwner | null;
  fileName: string;
  declaredType?: string | undefined;
  content: FileContent;
  truncated?: (() => boolean) | undefined;
  /** A draft's (owner null): until when a new ticket of its uploader's may take it. */
  draftExpiresAt?: number | null;
}

/**
 * Keeps a file once whoever sends it may: its type decided from its content, held to the limits,
 * an image re-encoded, then stored; an AppError says why it was refused (nothing is left of it).
 */
export async function storeFile(
  ctx: Pick<ServiceContext, 'store' | 'files' | 'settings' | 'ids' | 'clock'>,
  props: FileToStore,
): Promise<FileRow> {
  const { db } = ctx.store;
  const limits = ctx.settings.files.limits;
  const source = arriving(props.content, limits, props.truncated)[Symbol.asyncIterator]();
  const { sample, complete } = await readSample(source);
  const decision = await decideFileType(
    sample,
    complete,
    { name: sanitizeFileName(props.fileName), declaredType: props.declaredType },
    limits.allowedTypes,
  );
  const id = ctx.ids.next();
  const keys = fileKeys(id);
  await insertFile(db, {
    id,
    uploaderId: props.uploaderId,
    owner: props.owner,
    fileName: decision.fileName,
    mimeType: decision.mime,
    createdAt: ctx.clock.now(),
    draftExpiresAt: props.draftExpiresAt ?? null,
  });
  try {
    let stored: { sizeBytes: number; width: number | null; height: number | null };
    if (decision.raster) {
      const input = await collect(sample, source);
      const image = await processImage(input, decision.mime, decision.label, limits.maxPixels);
      stored = {
        sizeBytes: await ctx.files.put(keys.original, [image.image]),
        width: image.width,
        height: image.height,
      };
      await ctx.files.put(keys.thumbnail, [image.thumbnail]);
    } else {
      stored = {
        sizeBytes: await ctx.files.put(keys.original, rest(sample, source)),
        width: null,
        height: null,
      };
    }
    const row = await markStored(db, id, {
      ...stored,
      hasThumbnail: decision.raster,
      storedAt: ctx.clock.now(),
    });
    // Swept meanwhile: an upload that took longer than an abandoned one may.
    if (!row) throw new AppError('UPLOAD_INCOMPLETE', 'The upload took too long; send it again');
    return row;
  } catch (error) {
    await ctx.files.delete([keys.original, keys.thumbnail]).catch(() => {});
    await deleteFileRow(db, id).catch(() => {});
    throw error;
  }
}

/** A draft has no owner: whoever is signed in may upload one, a customer while uploads are on. */
function assertMayUploadDraft(ctx: ServiceContext, viewer: Viewer): null {
  if (!isAgent(viewer) && !ctx.settings.files.customerUploads) throw uploadsDisabled();
  return null;
}

/** The chat or ticket uploaded to, once the viewer is found to be one who may upload there. */
async function assertMayUploadTo(ctx: ServiceContext, target: UploadProps): Promise<FileOwner> {
  const { db } = ctx.store;
  if (target.sessionId === undefined) {
    if (target.ticketId === undefined) throw new Error('an upload goes to a chat or a ticket');
    const access = await loadTicketFor(db, target.viewer, target.ticketId, {
      rule: ticketPolicy.attachFiles,
    });
    assertMayUploadToTicket(ctx, access);
    return { kind: 'ticket', ticketId: access.row.id };
  }
  const access = await loadSessionFor(db, target.viewer, target.sessionId, {
    rule: sessionPolicy.attachFiles,
  });
  assertMayUpload(ctx, access);
  return { kind: 'chat', sessionId: target.sessionId };
}

/**
 * `content`, held to the size limit, with its own failures (a connection cut, a form that ends
 * too soon) reported as UPLOAD_INCOMPLETE. Failures of whoever reads it stay theirs.
 */
async function* arriving(
  content: FileContent,
  limits: Pick<FileLimits, 'maxBytes'>,
  truncated: (() => boolean) | undefined,
): AsyncGenerator<Uint8Array> {
  const iterator = (async function* () {
    yield* content;
  })();
  let size = 0;
  for (;;) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await iterator.next();
    } catch (error) {
      throw cutShort(error, limits);
    }
    if (next.done) break;
    size += next.value.length;
    if (size > limits.maxBytes) throw fileTooLarge(limits);
    yield next.value;
  }
  if (truncated?.()) throw fileTooLarge(limits);
}

function cutShort(error: unknown, limits: Pick<FileLimits, 'maxBytes'>): AppError {
  if (error instanceof AppError) return error;
  if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') return fileTooLarge(limits);
  return new AppError('UPLOAD_INCOMPLETE', 'The upload ended before the whole file arrived');
}

/** The first SAMPLE_BYTES (or all, when shorter: `complete`), read off `source`. */
async function readSample(
  source: AsyncIterator<Uint8Array>,
): Promise<{ sample: Buffer; complete: boolean }> {
  const pieces: Uint8Array[] = [];
  let length = 0;
  while (length < SAMPLE_BYTES) {
    const next = await source.next();
    if (next.done) return { sample: Buffer.concat(pieces), complete: true };
    pieces.push(next.value);
    length += next.value.length;
  }
  return { sample: Buffer.concat(pieces), complete: false };
}

async function* rest(sample: Buffer, source: AsyncIterator<Uint8Array>) {
  yield sample;
  for (;;) {
    const next = await source.next();
    if (next.done) return;
    yield next.value;
  }
}

async function collect(sample: Buffer, source: AsyncIterator<Uint8Array>): Promise<Buffer> {
  const pieces: Uint8Array[] = [];
  for await (const piece of rest(sample, source)) pieces.push(piece);
  return Buffer.concat(pieces);
}
