// One contract for every file store: the database (SQLite and PostgreSQL) and a directory on
// disk must keep, stream and forget content alike.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseFileStore } from '../../src/storage/files/databaseFileStore.js';
import { DiskFileStore } from '../../src/storage/files/diskFileStore.js';
import { FILE_CHUNK_BYTES, type FileStore } from '../../src/storage/files/fileStore.js';
import { availableDialects, createTestDatabase, type TestDatabase } from '../support/databases.js';

interface Subject {
  store: FileStore;
  /** Bytes of `key` already written where the store keeps them (whole or partial). */
  writtenBytes(key: string): Promise<number>;
  close(): Promise<void>;
}

const subjects: Array<{ name: string; open(): Promise<Subject> }> = [
  ...availableDialects().map((dialect) => ({
    name: `database [${dialect}]`,
    async open(): Promise<Subject> {
      const database: TestDatabase = await createTestDatabase(dialect);
      const { db } = database.store;
      return {
        store: new DatabaseFileStore(db),
        async writtenBytes(key) {
          const { rows } = await sql<{ bytes: number | null }>`
            select sum(length(data)) as bytes from file_chunks where key = ${key}`.execute(db);
          return Number(rows[0]?.bytes ?? 0);
        },
        close: () => database.drop(),
      };
    },
  })),
  {
    name: 'disk',
    async open(): Promise<Subject> {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-files-'));
      const store = new DiskFileStore(dir);
      return {
        store,
        async writtenBytes(key) {
          for (const candidate of [store.pathOf(key), `${store.pathOf(key)}.partial`]) {
            if (fs.existsSync(candidate)) return fs.statSync(candidate).size;
          }
          return 0;
        },
        close: async () => fs.rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
];

const key = () => randomBytes(8).toString('hex');

async function* piecesOf(data: Buffer, size: number) {
  for (let offset = 0; offset < data.length; offset += size) {
    yield data.subarray(offset, offset + size);
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<{ data: Buffer; largest: number }> {
  const pieces: Buffer[] = [];
  let largest = 0;
  for await (const piece of stream) {
    const buffer = piece as Buffer;
    pieces.push(buffer);
    largest = Math.max(largest, buffer.length);
  }
  return { data: Buffer.concat(pieces), largest };
}

for (const subject of subjects) {
  describe(`file store: ${subject.name}`, () => {
    let s: Subject;
    beforeAll(async () => {
      s = await subject.open();
    });
    afterAll(async () => {
      await s.close();
    });

    it('gives back exactly what it stored, of any size', async () => {
      for (const size of [
        0,
        1,
        1000,
        FILE_CHUNK_BYTES,
        FILE_CHUNK_BYTES + 1,
        3.5 * FILE_CHUNK_BYTES,
      ]) {
        const data = randomBytes(size);
        const k = key();
        expect(await s.store.put(k, piecesOf(data, 10_000)), `${size}`).toBe(size);
        const stream = await s.store.get(k);
        expect(stream, `${size}`).not.toBeNull();
        expect((await readAll(stream!)).data.equals(data), `${size}`).toBe(true);
      }
    });

    it('has nothing under a key it never stored', async () => {
      expect(await s.store.get(key())).toBeNull();
    });

    it('forgets what it deletes, and takes keys it never had', async () => {
      const [a, b] = [key(), key()];
      await s.store.put(a, piecesOf(randomBytes(5000), 1000));
      await s.store.put(b, piecesOf(randomBytes(5000), 1000));
      await s.store.delete([a, key()]);
      expect(await s.store.get(a)).toBeNull();
      const kept = await s.store.get(b);
      expect(kept).not.toBeNull();
      // Unread, so closed here: a disk store's stream holds the file open until it ends.
      kept!.destroy();
      await s.store.delete([]);
    });

    it('leaves nothing behind when the content fails halfway', async () => {
      const k = key();
      async function* cut() {
        yield randomBytes(FILE_CHUNK_BYTES);
        yield randomBytes(FILE_CHUNK_BYTES / 2);
        throw new Error('the connection was cut');
      }
      await expect(s.store.put(k, cut())).rejects.toThrow('the connection was cut');
      expect(await s.store.get(k)).toBeNull();
      expect(await s.writtenBytes(k)).toBe(0);
    });

    it('stores content as it arrives, never holding more than a chunk of it', async () => {
      const k = key();
      const total = 16 * FILE_CHUNK_BYTES;
      let given = 0;
      const lag: number[] = [];
      async function* arriving() {
        while (given < total) {
          lag.push(given - (await s.writtenBytes(k)));
          given += 64 * 1024;
          yield randomBytes(64 * 1024);
        }
      }
      expect(await s.store.put(k, arriving())).toBe(total);
      expect(Math.max(...lag)).toBeLessThanOrEqual(FILE_CHUNK_BYTES);
    });

    it('reads content back a chunk at a time', async () => {
      const k = key();
      const data = randomBytes(5 * FILE_CHUNK_BYTES);
      await s.store.put(k, piecesOf(data, FILE_CHUNK_BYTES * 5));
      const { data: read, largest } = await readAll((await s.store.get(k))!);
      expect(read.equals(data)).toBe(true);
      expect(largest).toBeLessThanOrEqual(FILE_CHUNK_BYTES);
    });

    it('refuses a key that could name a path', async () => {
      for (const bad of ['../x', 'a/b', '', '.hidden', 'a\u0000b']) {
        await expect(s.store.put(bad, piecesOf(Buffer.from('x'), 1)), bad).rejects.toThrow(
          'not a file store key',
        );
      }
    });
  });
}
