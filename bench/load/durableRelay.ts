// The durable baseline: the raw relay (bench/load/rawRelay.ts) that first commits each message
// to disk, as Switchboard must, and only then answers. It does the least a durable chat server
// can do: one insert per message into a table shaped like Switchboard's, group-committed the way
// Switchboard commits (messages arriving while a commit runs share the next one, up to the same
// batch size), with the same durability: SQLite with Switchboard's pragmas (WAL,
// synchronous = FULL), or PostgreSQL with its defaults, one multi-row insert per group, on as
// many lanes as a Switchboard node (keyed by chat, so a chat's messages keep their order).
// Switchboard's ratio to this relay is its own overhead; the disk's fsync tail is in both.
//
// SQLITE_FILE or DATABASE_URL names the database; PORT the port.
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { RELAY_TABLE, rawInsert, rawMessagesSchema, type RawRow } from '../lib/rawMessages.js';

/** Switchboard's group commit batch (src/storage/groupCommit.ts). */
const MAX_BATCH = 256;
/** A Switchboard node's PostgreSQL lanes with its default pool of 10 (src/storage/store.ts). */
const POSTGRES_LANES = 3;

interface Pending {
  row: RawRow;
  data: RawData;
  isBinary: boolean;
  customer: WebSocket;
  agent: WebSocket | undefined;
}

/** Makes a batch of rows durable (one transaction); resolves once it is committed. */
type Commit = (rows: RawRow[]) => Promise<void>;

async function openDatabase(): Promise<{ commit: Commit; lanes: number }> {
  const file = process.env.SQLITE_FILE;
  if (file) {
    const db = new SqliteDatabase(file);
    // As src/storage/store.ts opens Switchboard's database.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    for (const statement of rawMessagesSchema(RELAY_TABLE)) db.exec(statement);
    const insert = db.prepare(rawInsert(RELAY_TABLE, 1, 'sqlite'));
    const insertAll = db.transaction((rows: RawRow[]) => {
      for (const row of rows) insert.run(...row);
    });
    // better-sqlite3 is synchronous, as in Switchboard: frames arriving meanwhile wait in the
    // socket and join the next batch.
    return { commit: async (rows) => void insertAll(rows), lanes: 1 };
  }
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: POSTGRES_LANES });
  pool.on('error', () => {});
  for (const statement of rawMessagesSchema(RELAY_TABLE)) await pool.query(statement);
  // One statement is one transaction: committed (WAL flushed) when the query returns.
  const commit: Commit = async (rows) => {
    await pool.query(rawInsert(RELAY_TABLE, rows.length, 'postgres'), rows.flat());
  };
  return { commit, lanes: POSTGRES_LANES };
}

/** One lane of the group commit: a queue, drained a batch per commit. */
function lane(commit: Commit): (pending: Pending) => void {
  const queue: Pending[] = [];
  let running = false;
  const drain = async () => {
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      try {
        await commit(batch.map((p) => p.row));
      } catch (error) {
        process.stderr.write(`durable relay: commit failed: ${String(error)}\n`);
        for (const p of batch)
          p.customer.send(JSON.stringify({ type: 'error', clientId: p.row[6] }));
        continue;
      }
      for (const p of batch) {
        // In Switchboard's order, once durable: the ack, then the agent and the sender's feed.
        p.customer.send(JSON.stringify({ type: 'ack', clientId: p.row[6] }));
        p.agent?.send(p.data, { binary: p.isBinary });
        p.customer.send(p.data, { binary: p.isBinary });
      }
    }
    running = false;
  };
  return (pending) => {
    queue.push(pending);
    if (running) return;
    running = true;
    // Let the frames that arrived in the same tick join the first batch.
    setImmediate(() => void drain());
  };
}

const { commit, lanes } = await openDatabase();
const submit = Array.from({ length: lanes }, () => lane(commit));
// A relay started again on the same database must not collide with the rows of the last one.
const runId = Math.random().toString(36).slice(2, 8);
const agents = new Map<string, WebSocket>();
const seqs = new Map<string, number>();
const server = new WebSocketServer({
  host: '127.0.0.1',
  port: Number(process.env.PORT),
  perMessageDeflate: false,
});
server.on('connection', (socket, request) => {
  const params = new URL(request.url ?? '/', 'http://relay').searchParams;
  const pair = params.get('pair') ?? '';
  if (params.get('role') === 'agent') {
    agents.set(pair, socket);
    return;
  }
  const sessionId = `${runId}-${pair}`;
  socket.on('message', (data, isBinary) => {
    const { clientId, text } = JSON.parse(data.toString()) as { clientId: string; text: string };
    const seq = (seqs.get(sessionId) ?? 0) + 1;
    seqs.set(sessionId, seq);
    const row: RawRow = [
      `${sessionId}-${seq}`,
      sessionId,
      seq,
      'customer',
      'text',
      text,
      clientId,
      Date.now(),
    ];
    submit[Number(pair) % lanes]!({
      row,
      data,
      isBinary,
      customer: socket,
      agent: agents.get(pair),
    });
  });
});
server.on('listening', () => process.send?.('ready'));
