// The pages of every kind of search: counted by position (results are ranked, not sorted by a
// key a cursor could hold), in an opaque cursor that a forged value makes a 400.
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../storage/repositories/cursor.js';

/** Past this many results, refine the search instead. */
const MAX_OFFSET = 1000;
const SearchCursor = z.tuple([z.literal('s'), z.int().min(1).max(MAX_OFFSET)]);

/** Where the page of `cursor` starts (0 for the first page). */
export const searchOffset = (cursor: string | undefined): number =>
  decodeCursor(cursor, SearchCursor)?.[1] ?? 0;

/** The cursor of the page after `count` results from `offset`, or null when none follows. */
export function nextSearchCursor(offset: number, count: number, more: boolean): string | null {
  const next = offset + count;
  return more && next <= MAX_OFFSET ? encodeCursor(['s', next]) : null;
}
