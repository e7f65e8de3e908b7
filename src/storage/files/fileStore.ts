// Where the content of uploaded files lives: one interface, two implementations. The database
// (default: SQLite or PostgreSQL, in chunks) needs nothing beside it, so several nodes share
// files and a database backup holds them; a directory (FILES_DIR) suits a single node that
// prefers plain files. Content moves as streams both ways, a chunk at a time, never whole.
import type { Readable } from 'node:stream';

/** The size of the pieces content is stored and read in. */
export const FILE_CHUNK_BYTES = 256 * 1024;

/** Content as it arrives (a stream), or at once (a buffer in a list). */
export type FileContent = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export interface FileStore {
  /** What it is, for the log and the docs: `database` or `disk`. */
  readonly kind: 'database' | 'disk';
  /**
   * Stores `content` under `key` as it arrives, and resolves to the number of bytes stored. A
   * key is written once. When `content` fails (an upload cut short) or storing does, nothing is
   * left under `key` and the error is thrown again.
   */
  put(key: string, content: FileContent): Promise<number>;
  /** The content under `key`, read as the stream is consumed; null when there is none. */
  get(key: string): Promise<Readable | null>;
  /** Removes the content under each key; a key with none is no error. */
  delete(keys: readonly string[]): Promise<void>;
}

/** Keys are made by Switchboard (ids, `<id>.thumbnail`); anything else is a bug, not input. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)?$/;

export function assertKey(key: string): void {
  if (!KEY.test(key) || key.length > 200) throw new Error(`not a file store key: ${key}`);
}

/**
 * `content` in pieces of exactly `size` bytes (the last may be shorter; none for no content),
 * each a fresh buffer, so at most one piece is held while it is being stored.
 */
export async function* inPiecesOf(content: FileContent, size: number): AsyncGenerator<Buffer> {
  let piece = Buffer.allocUnsafe(size);
  let filled = 0;
  for await (const data of content) {
    let offset = 0;
    while (offset < data.length) {
      const taken = Math.min(size - filled, data.length - offset);
      piece.set(data.subarray(offset, offset + taken), filled);
      filled += taken;
      offset += taken;
      if (filled === size) {
        yield piece;
        piece = Buffer.allocUnsafe(size);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield piece.subarray(0, filled);
}
