// The worker thread behind reportReader.ts: one read-only better-sqlite3 connection to the
// store's file, answering one query at a time in the order they were posted, so a long report
// read runs here and never on the server's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { cachedPrepare } from '../statementCache.js';
import type { ReadReply, ReadRequest, ReadWorkerData } from './protocol.js';

const { file } = workerData as ReadWorkerData;
// Read-only: nothing sent here can change the database, whatever its SQL says. WAL gives each
// statement a consistent snapshot while the main connection goes on writing.
const sqlite = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');

const prepared = cachedPrepare(sqlite, 200);

function answer(request: ReadRequest): ReadReply {
  try {
    const statement = prepared(request.sql);
    if (!statement.reader) {
      return {
        id: request.id,
        error: { message: 'The report reader only reads', code: 'SQLITE_READONLY' },
      };
    }
    return { id: request.id, rows: statement.all(request.parameters) as unknown[] };
  } catch (error) {
    const { message, code } = error as { message?: unknown; code?: unknown };
    return {
      id: request.id,
      error: { message: String(message ?? error), code: typeof code === 'string' ? code : '' },
    };
  }
}

parentPort!.on('message', (request: ReadRequest) => parentPort!.postMessage(answer(request)));
