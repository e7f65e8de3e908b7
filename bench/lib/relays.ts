// The relay baselines as the scenarios start them: the bare relay (bench/load/rawRelay.ts) and
// the durable relay (bench/load/durableRelay.ts) on the same disk or database as Switchboard's.
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { freePort, startHelper } from './processes.js';
import { RELAY_TABLE } from './rawMessages.js';

export interface Relay {
  /** For chatLoad's `raw` target. */
  url: string;
  stop(): Promise<void>;
}

export interface DurableRelay extends Relay {
  /** Messages committed so far (to wait until a backlog is stored). */
  storedMessages(): Promise<number>;
}

export async function startBareRelay(): Promise<Relay> {
  const port = await freePort();
  const helper = await startHelper('rawRelay', { PORT: String(port) });
  return { url: `ws://127.0.0.1:${port}`, stop: () => helper.stop() };
}

/** A durable relay committing to a SQLite file (Switchboard's pragmas) or a PostgreSQL database. */
export async function startDurableRelay(storage: {
  sqliteFile?: string;
  databaseUrl?: string;
}): Promise<DurableRelay> {
  const port = await freePort();
  const env: Record<string, string> = storage.databaseUrl
    ? { DATABASE_URL: storage.databaseUrl }
    : { SQLITE_FILE: storage.sqliteFile! };
  const helper = await startHelper('durableRelay', { PORT: String(port), ...env });
  const count = `select count(*) as n from ${RELAY_TABLE}`;
  let storedMessages: () => Promise<number>;
  let close: () => Promise<void>;
  if (storage.databaseUrl) {
    const client = new pg.Client({ connectionString: storage.databaseUrl });
    await client.connect();
    storedMessages = async () => Number((await client.query<{ n: string }>(count)).rows[0]!.n);
    close = () => client.end();
  } else {
    const db = new SqliteDatabase(storage.sqliteFile!, { readonly: true, fileMustExist: true });
    storedMessages = async () => (db.prepare(count).get() as { n: number }).n;
    close = async () => void db.close();
  }
  return {
    url: `ws://127.0.0.1:${port}`,
    storedMessages,
    async stop() {
      await close();
      await helper.stop();
    },
  };
}
