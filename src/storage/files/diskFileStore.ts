// Files kept in a directory (FILES_DIR), for a single node that prefers plain files: each key is
// a file under a two-character folder (from a hash, as ids share their leading time). Content is
// written to `<name>.partial`, flushed to disk, then renamed into place, so a reader never sees
// half a file; a failed put removes the partial file, and deleting a key removes both.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { assertKey, FILE_CHUNK_BYTES, type FileContent, type FileStore } from './fileStore.js';

export class DiskFileStore implements FileStore {
  readonly kind = 'disk';

  constructor(private readonly dir: string) {}

  /** Where `key`'s content lives. */
  pathOf(key: string): string {
    assertKey(key);
    const folder = createHash('sha256').update(key).digest('hex').slice(0, 2);
    return path.join(this.dir, folder, key);
  }

  async put(key: string, content: FileContent): Promise<number> {
    const target = this.pathOf(key);
    const partial = `${target}.partial`;
    await fs.mkdir(path.dirname(target), { recursive: true });
    let size = 0;
    const handle = await fs.open(partial, 'wx');
    try {
      for await (const data of content) {
        await handle.write(data);
        size += data.length;
      }
      await handle.sync();
      await handle.close();
      await fs.rename(partial, target);
      return size;
    } catch (error) {
      await handle.close().catch(() => {});
      await fs.rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable | null> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.pathOf(key), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return handle.createReadStream({ highWaterMark: FILE_CHUNK_BYTES });
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      const target = this.pathOf(key);
      await fs.rm(target, { force: true });
      await fs.rm(`${target}.partial`, { force: true });
    }
  }
}
