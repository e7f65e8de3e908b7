// Kysely over a worker thread's read-only SQLite connection (readWorker.ts): better-sqlite3 is
// synchronous, so a report summing a year on the main connection would hold the event loop,
// and with it every socket's delivery, for as long as it reads (docs/architecture.md). Queries
// are posted to the worker and answered in order; a worker that dies fails what it held and is
// started again by the next query. Reads only: no transactions, no streaming.
import { Worker } from 'node:worker_threads';
import {
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import type { ReadReply, ReadRequest, ReadWorkerData } from './protocol.js';

/** A read the worker refused or could not finish; `code` is SQLite's (SQLITE_ERROR…) or ours. */
export class ReportReadError extends Error {
  override readonly name = 'ReportReadError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const own = import.meta.url;
// Run from the sources (tests, tsx), the worker is TypeScript too and needs tsx's loader.
const fromSource = own.endsWith('.ts');
const script = new URL(`./readWorker.${fromSource ? 'ts' : 'js'}`, own);

function startWorker(data: ReadWorkerData): Worker {
  if (!fromSource) return new Worker(script, { workerData: data });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
}

interface Pending {
  resolve: (rows: unknown[]) => void;
  reject: (error: Error) => void;
}

/** One worker thread and the reads waiting for it. */
export class ReadWorker {
  #worker: Worker | null = null;
  #pending = new Map<number, Pending>();
  #nextId = 1;
  #closed = false;

  constructor(private readonly file: string) {}

  read(sql: string, parameters: readonly unknown[]): Promise<unknown[]> {
    if (this.#closed) {
      return Promise.reject(
        new ReportReadError('The report reader is closed', 'REPORT_READER_CLOSED'),
      );
    }
    const worker = this.#worker ?? this.#start();
    const id = this.#nextId++;
    const request: ReadRequest = { id, sql, parameters };
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      // A worker with reads in flight keeps the process alive; an idle one does not.
      worker.ref();
      try {
        worker.postMessage(request);
      } catch (error) {
        // A parameter that cannot be copied to the thread: this read fails, nothing waits.
        this.#pending.delete(id);
        if (this.#pending.size === 0) worker.unref();
        reject(error);
      }
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    if (!worker) return;
    this.#failAll(new ReportReadError('The report reader was closed', 'REPORT_READER_CLOSED'));
    await worker.terminate();
  }

  #start(): Worker {
    const worker = startWorker({ file: this.file });
    this.#worker = worker;
    worker.unref();
    worker.on('message', (reply: ReadReply) => {
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) worker.unref();
      if ('rows' in reply) pending.resolve(reply.rows);
      else pending.reject(new ReportReadError(reply.error.message, reply.error.code));
    });
    // An error the worker did not catch (the file could not be opened…) ends it: its reads fail
    // with that error, and the next read starts a new worker.
    worker.on('error', (error) => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      this.#failAll(
        new ReportReadError(`The report reader failed: ${error.message}`, 'REPORT_READER_DIED'),
      );
    });
    worker.on('exit', (exitCode) => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      this.#failAll(
        new ReportReadError(
          `The report reader stopped (exit code ${exitCode})`,
          'REPORT_READER_DIED',
        ),
      );
    });
    return worker;
  }

  #failAll(error: Error): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const { reject } of pending) reject(error);
  }

  /** For tests: ends the worker as a crash would. */
  async crashForTest(): Promise<void> {
    await this.#worker?.terminate();
  }
}

class ReadConnection implements DatabaseConnection {
  constructor(private readonly worker: ReadWorker) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return { rows: (await this.worker.read(query.sql, query.parameters)) as R[] };
  }

  // eslint-disable-next-line require-yield -- refuses before yielding anything
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new ReportReadError(
      'The report reader does not stream: read in pages',
      'REPORT_READER_NO_STREAM',
    );
  }
}

const noTransactions = () =>
  Promise.reject(
    new ReportReadError(
      'The report reader reads outside transactions',
      'REPORT_READER_NO_TRANSACTION',
    ),
  );

/** Reads share the one connection: they queue in the worker, so nothing waits here. */
class ReadDriver implements Driver {
  readonly #connection: ReadConnection;

  constructor(readonly worker: ReadWorker) {
    this.#connection = new ReadConnection(worker);
  }

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }
  beginTransaction = noTransactions;
  commitTransaction = noTransactions;
  rollbackTransaction = noTransactions;
  async releaseConnection(): Promise<void> {}
  destroy(): Promise<void> {
    return this.worker.close();
  }
}

/** SQLite's dialect, read through a worker thread holding its own read-only connection to `file`. */
export class ReportReaderDialect implements Dialect {
  readonly worker: ReadWorker;

  constructor(file: string) {
    this.worker = new ReadWorker(file);
  }

  createDriver(): Driver {
    return new ReadDriver(this.worker);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
