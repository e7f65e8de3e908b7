// The limits an upload is held to, each a deployment setting (README, Attachments): size per
// file, files per message, the types accepted, and the pixels an image may decode to.
import { AppError } from '../errors.js';
import { formatBytes, MIB } from '../../shared/bytes.js';
import { DEFAULT_ALLOWED_TYPES } from './fileTypes.js';

export interface FileLimits {
  /** Bytes one file may hold. */
  maxBytes: number;
  /** Files one message may carry. */
  filesPerMessage: number;
  /** MIME types accepted, as decided from the content (fileTypes.ts). */
  allowedTypes: readonly string[];
  /** Pixels (width × height, every frame of an animation) an image may have. */
  maxPixels: number;
}

export { formatBytes, MIB };

export const DEFAULT_FILE_LIMITS: FileLimits = {
  maxBytes: 10 * MIB,
  filesPerMessage: 10,
  allowedTypes: DEFAULT_ALLOWED_TYPES,
  // A 48-megapixel phone photo, with room to spare; decoding one takes about 200 MB at most.
  maxPixels: 50_000_000,
};

/** An upload never attached to a message within this long is abandoned, and removed. */
export const ABANDONED_UPLOAD_MS = 60 * 60 * 1000;

/**
 * A draft (a file uploaded for a new request, before its ticket exists) may be taken by that
 * ticket for this long: a form may stay open a while longer than a composer. Then it is removed.
 */
export const DRAFT_UPLOAD_MS = 24 * 60 * 60 * 1000;

/** The longest side of a thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 480;

/** Throws unless an image of `width` × `height` pixels (× `frames`) is within `maxPixels`. */
export function checkImagePixels(
  width: number,
  height: number,
  frames: number,
  maxPixels: number,
): void {
  if (width * height * Math.max(1, frames) > maxPixels) {
    const megapixels = (maxPixels / 1_000_000).toLocaleString('en', { maximumFractionDigits: 1 });
    throw new AppError(
      'IMAGE_TOO_LARGE',
      `The image is ${width} × ${height} pixels${frames > 1 ? ` in ${frames} frames` : ''}; images of at most ${megapixels} megapixels are accepted`,
    );
  }
}

/** Throws unless `bytes` is within the per-file limit. */
export function checkFileSize(bytes: number, limits: Pick<FileLimits, 'maxBytes'>): void {
  if (bytes > limits.maxBytes) throw fileTooLarge(limits);
}

export const fileTooLarge = (limits: Pick<FileLimits, 'maxBytes'>) =>
  new AppError('FILE_TOO_LARGE', `A file may be at most ${formatBytes(limits.maxBytes)}`);

/** Throws unless a message with `count` files is within the per-message limit. */
export function checkFileCount(count: number, limits: Pick<FileLimits, 'filesPerMessage'>): void {
  if (count > limits.filesPerMessage) {
    throw new AppError(
      'INVALID_ATTACHMENTS',
      `A message may carry at most ${limits.filesPerMessage} files`,
      'fileIds',
    );
  }
}
