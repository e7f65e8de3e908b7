// The one door to the database: opens SQLite or PostgreSQL behind Kysely, runs transactions
// (retrying PostgreSQL's deadlock and serialization failures), and hides the few places where
// the two dialects differ (row locks, advisory locks, error codes).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  sql,
  type SqliteDatabase as KyselySqliteDatabase,
} from 'kysely';
import type pg from 'pg';
import { GroupCommit, type Batchable } from './groupCommit.js';
import { backendWaitsForLock, errorCode, gatedPool, PoolBusyError } from './pgPool.js';
import { ReportReaderDialect } from './reportReader/reportReader.js';
import type { Database } from './schema.js';
import { cachedPrepare } from './statementCache.js';

export type Db = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';

/** A select query that can lock its rows. */
export interface Lockable<QB> {
  forUpdate(of?: never): QB;
}

export interface StoreOptions {
  /** PostgreSQL connection string; SQLite is used when absent. */
  databaseUrl?: string | undefined;
  /** SQLite file, or ':memory:'. */
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests give each run its own). */
  pgSchema?: string;
  pgPoolSize?: number;
  /** How long opening a new PostgreSQL connection may take before the database counts as down. */
  pgConnectTimeoutMs?: number;
  /**
   * How long a query waits for a connection while all of the pool's are in use (a burst),
   * before it fails as busy (503 BUSY), not as an outage.
   */
  pgPoolWaitMs?: number;
  /**
   * How long a PostgreSQL query may go unanswered before its connection is presumed lost and
   * destroyed (the request fails with 503); 0 or absent waits as long as TCP does.
   */
  pgQueryTimeoutMs?: number;
}

export interface Store {
  readonly db: Db;
  /**
   * Where reports read: on a SQLite file, a worker thread's own read-only connection
   * (reportReader/), so a long read never holds the event loop; else `db` (PostgreSQL's pool
   * already waits off the loop, and a worker cannot see an in-memory database). Reads only.
   */
  readonly reportDb: Db;
  readonly dialect: DialectName;
  /** Runs `work` in a transaction, retrying it when PostgreSQL aborts it for a deadlock or conflict. */
  transaction<T>(work: (trx: Db) => Promise<T>): Promise<T>;
  /**
   * Like transaction(), for small frequent writes (messages, read receipts): concurrent calls
   * share commits (see groupCommit.ts). Calls with the same `key` run in submission order.
   * With `batch`, neighbouring calls of the same runner may be done together by it (`work` is
   * what the call does alone; a store may always run that instead).
   */
  groupedTransaction<T, I = never>(
    work: (trx: Db) => Promise<T>,
    key?: string,
    batch?: Batchable<I, T>,
  ): Promise<T>;
  /**
   * True when transactions lock rows (PostgreSQL) and hold them to their commit; SQLite
   * serializes writers instead.
   */
  readonly rowLocks: boolean;
  /**
   * Adds FOR UPDATE on PostgreSQL (SQLite serializes writers, so it needs no row locks); with
   * `of`, only the rows of that table (alias) in a join are locked.
   */
  forUpdate<QB extends Lockable<QB>>(qb: QB, of?: string): QB;
  /** Holds a deployment-wide lock named `key` until the transaction ends (no-op on SQLite). */
  lockForTransaction(trx: Db, key: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const RETRYABLE_PG_CODES = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;

let pgModule: typeof pg | null = null;

/**
 * The PostgreSQL driver, loaded on first use: a node on SQLite never pays for it (a sixth of
 * start-up). A synchronous require keeps openStore synchronous; pg is a CommonJS package.
 */
function loadPg(): typeof pg {
  if (pgModule) return pgModule;
  pgModule = createRequire(import.meta.url)('pg') as typeof pg;
  // int8 (bigint) holds epoch milliseconds and COUNT(*): both fit a JS number.
  pgModule.types.setTypeParser(20, (value) => Number(value));
  // numeric (AVG, SUM) likewise.
  pgModule.types.setTypeParser(1700, (value) => Number(value));
  return pgModule;
}

export function openStore(options: StoreOptions): Store {
  return options.databaseUrl ? openPostgres(options) : openSqlite(options);
}

function openSqlite(options: StoreOptions): Store {
  const file = options.sqliteFile ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before it is acknowledged, even if the machine loses power.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  // One connection: one lane.
  const groupCommit = new GroupCommit({
    lanes: 1,
    transaction: (work) => db.transaction().execute(work),
  });
  const reportDb =
    file === ':memory:' ? db : new Kysely<Database>({ dialect: new ReportReaderDialect(file) });
  return {
    db,
    reportDb,
    dialect: 'sqlite',
    transaction: (work) => db.transaction().execute(work),
    groupedTransaction: (work, key, batch) => groupCommit.run(work, key, batch),
    rowLocks: false,
    forUpdate: (qb) => qb,
    lockForTransaction: async () => {},
    ping: async () => {
      sqlite.prepare('select 1').get();
    },
    // The report reader's connection first: closing the last one, SQLite checkpoints the WAL
    // and removes it.
    async close() {
      if (reportDb !== db) await reportDb.destroy();
      await db.destroy();
    },
  };
}

function openPostgres(options: StoreOptions): Store {
  const poolSize = options.pgPoolSize ?? 10;
  // Telling a lock wait from a lost connection may take no longer than the deadline itself.
  const lockProbeMs = Math.min(
    options.pgConnectTimeoutMs ?? 3000,
    Math.max(options.pgQueryTimeoutMs ?? 0, 100),
  );
  const pool = new (loadPg().Pool)({
    connectionString: options.databaseUrl,
    max: poolSize,
    // Only ever measures a new connection being opened: waiting for a busy pool happens before
    // pool.connect() is called (see gatedPool), so this timing out means the database is down.
    connectionTimeoutMillis: options.pgConnectTimeoutMs ?? 3000,
    ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
  });
  // An idle client losing its connection (PostgreSQL restarting) must not crash the process;
  // the pool replaces it and the next query reports the outage.
  pool.on('error', () => {});
  // A client losing its connection in the middle of a query fails that query, and also emits
  // 'error', which nobody hears while the pool has the client checked out: unheard, it would
  // crash the process and drop every socket this node holds.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: gatedPool(pool, {
        size: poolSize,
        waitMs: options.pgPoolWaitMs ?? 10_000,
        queryTimeoutMs: options.pgQueryTimeoutMs ?? 0,
        waitsForLock: (pid) =>
          backendWaitsForLock(
            () =>
              new (loadPg().Client)({
                connectionString: options.databaseUrl,
                connectionTimeoutMillis: lockProbeMs,
              }),
            pid,
            lockProbeMs,
          ),
      }),
    }),
  });
  const transaction = <T>(work: (trx: Db) => Promise<T>): Promise<T> =>
    retryingConflicts(() => db.transaction().execute(work));
  // A few lanes commit in parallel and leave most of the pool to everything else.
  const groupCommit = new GroupCommit({
    lanes: Math.max(1, Math.floor(poolSize / 3)),
    transaction,
  });
  return {
    db,
    reportDb: db,
    dialect: 'postgres',
    transaction,
    // A piece of a shared commit can be the one a deadlock aborts (two nodes' batches locking
    // the same sessions in opposite orders): its savepoint was rolled back, so it runs again.
    groupedTransaction: (work, key, batch) =>
      retryingConflicts(() => groupCommit.run(work, key, batch)),
    rowLocks: true,
    forUpdate: (qb, of) => qb.forUpdate(of as never),
    // Advisory locks belong to the whole database, so the key names the deployment's schema:
    // deployments (and test runs) sharing a database each have their own lock, and one stuck
    // holding it (a connection cut mid-transaction) never stalls another's routing.
    async lockForTransaction(trx, key) {
      await sql`select pg_advisory_xact_lock(hashtext(current_schema() || ':' || ${key}))`.execute(
        trx,
      );
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

/** Runs `attempt` again, after a short random pause, when PostgreSQL aborted it for a deadlock or conflict. */
async function retryingConflicts<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= MAX_ATTEMPTS || !RETRYABLE_PG_CODES.has(errorCode(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * tries));
    }
  }
}

/** The connection for Kysely, its statements cached (statementCache.ts). */
function withStatementCache(sqlite: SqliteDatabase.Database): KyselySqliteDatabase {
  return { close: () => sqlite.close(), prepare: cachedPrepare(sqlite, 1000) };
}

/** True when an insert hit a unique index (both dialects). */
export function isUniqueViolation(error: unknown): boolean {
  const code = errorCode(error);
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * True when PostgreSQL refused a value that came from a request: text it cannot store (22021,
 * a NUL), text not of the column's type (22P02) or a number out of its range (22003).
 */
export function isInvalidValue(error: unknown): boolean {
  return ['22021', '22P02', '22003'].includes(errorCode(error));
}

export { isDatabaseUnavailable } from './pgPool.js';

/** True when every connection stayed busy past the pool's wait (503 BUSY, with a retry). */
export const isPoolBusy = (error: unknown): boolean => error instanceof PoolBusyError;
