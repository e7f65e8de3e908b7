// The PostgreSQL connection pool as Kysely uses it: a bounded wait for a busy pool (503 BUSY),
// and a deadline for a query left unanswered (a lost connection, 503), which a query waiting
// for a lock is not.
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

export const errorCode = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';

/** A query waited longer than the pool allows for a free connection: busy, not down. */
export class PoolBusyError extends Error {
  override readonly name = 'PoolBusyError';
  readonly code = 'POOL_BUSY';
}

/**
 * The pool as Kysely uses it. Checkouts beyond the pool's size wait in a queue of our own for
 * up to `waitMs` (a burst outgrowing the pool is answered 503 BUSY once that passes, told apart
 * from an outage), so the pool's own connect timeout only ever measures opening a connection.
 * With `queryTimeoutMs`, a query left unanswered that long means the database went away without
 * closing the connection (a network partition, a host that failed over), which TCP takes many
 * minutes to notice: the connection is destroyed, so the query and everything queued behind it
 * fail now (503), and the pool opens a fresh one. Unless the query is only waiting for a lock
 * (a routing pass queued behind the other nodes' on the routing lock, an end behind a batch
 * holding its agent's row, on a machine loaded enough to take seconds): `waitsForLock` asks the
 * database, on a connection of its own, and a connection waiting for a lock is alive, so its
 * deadline starts again. A lock wait ends when the holder's transaction does (or PostgreSQL
 * finds a deadlock and fails one of them).
 */
export function gatedPool(
  pool: pg.Pool,
  limits: {
    size: number;
    waitMs: number;
    queryTimeoutMs: number;
    /** Whether the backend of this process id is waiting for a lock (false if unknown). */
    waitsForLock: (pid: number) => Promise<boolean>;
  },
): PostgresPool {
  let inUse = 0;
  const waiting: Array<{ granted: () => void; failed: (error: unknown) => void }> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next.granted();
    else inUse--;
  };
  // The database stopped answering or refused a connection: those queued behind it would only
  // meet the same outage after their wait, so they fail now too.
  const failWaiters = (error: unknown) => {
    for (const waiter of waiting.splice(0)) waiter.failed(error);
  };
  const acquire = (): Promise<void> => {
    if (inUse < limits.size) {
      inUse++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        granted: () => {
          clearTimeout(timer);
          resolve();
        },
        failed: (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(waiter), 1);
        reject(
          new PoolBusyError(
            `All ${limits.size} PostgreSQL connections stayed busy for ${limits.waitMs} ms`,
          ),
        );
      }, limits.waitMs);
      waiting.push(waiter);
    });
  };
  return {
    async connect(): Promise<PostgresPoolClient> {
      await acquire();
      let client: pg.PoolClient & Pick<pg.Client, 'connection'> & { processID: number };
      try {
        client = (await pool.connect()) as typeof client;
      } catch (error) {
        release();
        if (isDatabaseUnavailable(error)) failWaiters(error);
        throw error;
      }
      const query = async (text: string, parameters: ReadonlyArray<unknown>) => {
        if (limits.queryTimeoutMs <= 0) return client.query(text, [...parameters]);
        let answered = false;
        let timer: NodeJS.Timeout | undefined;
        const deadline = () => {
          timer = setTimeout(() => {
            void limits.waitsForLock(client.processID).then((waiting) => {
              if (answered) return;
              if (waiting) return deadline();
              const error = Object.assign(
                new Error(`PostgreSQL did not answer within ${limits.queryTimeoutMs} ms`),
                { code: 'ETIMEDOUT' },
              );
              client.connection.stream.destroy(error);
              failWaiters(error);
            });
          }, limits.queryTimeoutMs);
        };
        deadline();
        try {
          return await client.query(text, [...parameters]);
        } finally {
          answered = true;
          clearTimeout(timer);
        }
      };
      let released = false;
      // Kysely uses the cursor form of query() only for streaming, which is not configured.
      return {
        query: query as unknown as PostgresPoolClient['query'],
        release: () => {
          if (released) return;
          released = true;
          client.release();
          release();
        },
      };
    },
    end: () => pool.end(),
  };
}

/** True when the database cannot be reached at all, so the caller should answer 503. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = errorCode(error);
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(code)) return true;
  // PostgreSQL classes 08 (connection exception) and 57P (operator intervention: shutdown).
  if (code.startsWith('08') || code.startsWith('57P')) return true;
  const message = error instanceof Error ? error.message : '';
  // "…is not queryable": a transaction's rollback on a connection that was lost, which Kysely
  // reports instead of the original failure.
  return /Connection terminated|timeout exceeded when trying to connect|connection is closed|is not queryable/i.test(
    message,
  );
}

/**
 * Whether PostgreSQL's backend `pid` is waiting for a lock (a row, an advisory lock), asked on a
 * new connection (`open`) within `deadlineMs`; false when that cannot be told in time, since a
 * database that cannot answer this either is the outage the deadline is there to catch.
 */
export async function backendWaitsForLock(
  open: () => pg.Client,
  pid: number,
  deadlineMs: number,
): Promise<boolean> {
  const probe = open();
  probe.on('error', () => {});
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), deadlineMs);
  });
  const asked = (async () => {
    await probe.connect();
    const { rows } = await probe.query<{ waiting: boolean }>(
      "select wait_event_type = 'Lock' as waiting from pg_stat_activity where pid = $1",
      [pid],
    );
    return rows[0]?.waiting === true;
  })().catch(() => false);
  try {
    return await Promise.race([asked, late]);
  } finally {
    clearTimeout(timer);
    void probe.end().catch(() => {});
  }
}
