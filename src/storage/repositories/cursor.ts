// Opaque page cursors: the sort key of the last row, base64url-encoded JSON.
import { AppError } from '../../domain/errors.js';

export type CursorKey = ReadonlyArray<string | number>;

export const encodeCursor = (key: CursorKey): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(cursor: string | undefined): CursorKey | null {
  if (!cursor) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.every((part) => typeof part === 'string' || typeof part === 'number')
    ) {
      return key as CursorKey;
    }
  } catch {
    // Falls through to the error below.
  }
  throw new AppError('VALIDATION_FAILED', 'cursor: not a cursor returned by this API', 'cursor');
}
