// Opaque page cursors: the sort key of the last row, base64url-encoded JSON. Each list decodes
// its cursor against the shape of its own key, so a forged cursor is a 400 (never a value the
// database cannot compare, such as 1.5 against a bigint column or a NUL in a string).
import type { z } from 'zod';
import { AppError } from '../../domain/errors.js';

export type CursorKey = ReadonlyArray<string | number | null>;

export const encodeCursor = (key: CursorKey): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor<Shape extends z.ZodType<CursorKey>>(
  cursor: string | undefined,
  shape: Shape,
): z.infer<Shape> | null {
  if (!cursor) return null;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const parsed = shape.safeParse(key);
  if (parsed.success) return parsed.data;
  throw new AppError('VALIDATION_FAILED', 'cursor: not a cursor returned by this API', 'cursor');
}
