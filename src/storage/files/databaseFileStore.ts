// Files kept in the database: each in chunks of FILE_CHUNK_BYTES (`file_chunks`), on SQLite as
// blobs and on PostgreSQL as bytea. Each chunk is written by a statement of its own, not in one
// transaction: an upload arrives at the client's pace, and SQLite's single writer must not wait
// on it, nor PostgreSQL hold a connection. A put that fails removes the chunks it wrote; a node
// that died mid-put leaves a files row never stored, whose chunks the housekeeping sweep removes.
import { Readable } from 'node:stream';
import type { Db } from '../store.js';
import {
  assertKey,
  FILE_CHUNK_BYTES,
  inPiecesOf,
  type FileContent,
  type FileStore,
} from './fileStore.js';

export class DatabaseFileStore implements FileStore {
  readonly kind = 'database';

  constructor(private readonly db: Db) {}

  async put(key: string, content: FileContent): Promise<number> {
    assertKey(key);
    let seq = 0;
    let size = 0;
    try {
      for await (const piece of inPiecesOf(content, FILE_CHUNK_BYTES)) {
        await this.db.insertInto('file_chunks').values({ key, seq, data: piece }).execute();
        seq++;
        size += piece.length;
      }
      // An empty file is one empty chunk, so that it exists.
      if (seq === 0) {
        await this.db
          .insertInto('file_chunks')
          .values({ key, seq, data: Buffer.alloc(0) })
          .execute();
      }
      return size;
    } catch (error) {
      await this.delete([key]).catch(() => {});
      throw error;
    }
  }

  async get(key: string): Promise<Readable | null> {
    assertKey(key);
    const first = await this.chunk(key, 0);
    if (!first) return null;
    const chunk = (seq: number) => this.chunk(key, seq);
    async function* chunks() {
      yield first!;
      for (let seq = 1; ; seq++) {
        const data = await chunk(seq);
        if (!data) return;
        yield data;
      }
    }
    return Readable.from(chunks(), { objectMode: false, highWaterMark: FILE_CHUNK_BYTES });
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    keys.forEach(assertKey);
    await this.db
      .deleteFrom('file_chunks')
      .where('key', 'in', [...keys])
      .execute();
  }

  private async chunk(key: string, seq: number): Promise<Buffer | null> {
    const row = await this.db
      .selectFrom('file_chunks')
      .select('data')
      .where('key', '=', key)
      .where('seq', '=', seq)
      .executeTakeFirst();
    return row ? Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength) : null;
  }
}
