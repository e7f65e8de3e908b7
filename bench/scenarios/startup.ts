// Scenario 6, start-up: from spawning `switchboard serve` to /readyz answering 200, on an empty
// SQLite database and on one holding a million messages, each timed twice (start-up is what
// this scenario measures: no warm-up).
import SqliteDatabase from 'better-sqlite3';
import { sqliteDatabase } from '../lib/databases.js';
import { createUsers, openFixture } from '../lib/fixtures.js';
import { startServer } from '../lib/processes.js';
import { secondRun, type Row, type ScenarioResult } from '../lib/report.js';
import { round } from '../lib/stats.js';

export interface StartupOptions {
  messages: number;
  /** Start-ups timed on each database: 2 shows the spread. */
  runs: number;
}

// Cheap enough to run twice at quick size too, which keeps the second-run rows in the smoke test.
export const startupSizes = {
  full: { messages: 1_000_000, runs: 2 },
  quick: { messages: 1000, runs: 2 },
} satisfies Record<string, StartupOptions>;

async function timeStarts(env: Record<string, string>, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const server = await startServer(env);
    await server.stop();
    times.push(round(server.readyAfterMs, 0));
  }
  return times;
}

/** Fills the database straight through the driver: 1,000 ended chats sharing the messages. */
async function fill(file: string, messages: number) {
  const fixture = await openFixture({ sqliteFile: file });
  const [customer] = await createUsers(fixture, 1, 'user');
  await fixture.close();
  const db = new SqliteDatabase(file);
  const sessions = 1000;
  const perSession = Math.ceil(messages / sessions);
  const insertSession = db.prepare(
    `insert into chat_sessions (id, user_id, status, priority, priority_rank, subject, started_at, ended_at, ended_by, last_seq, updated_at)
     values (?, ?, 'ended', 'medium', 1, 'History', ?, ?, 'user', ?, ?)`,
  );
  const insertMessage = db.prepare(
    `insert into chat_messages (id, session_id, seq, sender_id, message_type, message_text, created_at) values (?, ?, ?, ?, 'text', ?, ?)`,
  );
  const now = Date.now();
  db.transaction(() => {
    let written = 0;
    for (let s = 0; s < sessions && written < messages; s++) {
      const sessionId = `history-${s}`;
      insertSession.run(sessionId, customer!.id, now - 86_400_000, now, perSession, now);
      for (let seq = 1; seq <= perSession && written < messages; seq++, written++) {
        insertMessage.run(
          `${sessionId}-${seq}`,
          sessionId,
          seq,
          customer!.id,
          `Archived message ${seq}`,
          now,
        );
      }
    }
  })();
  db.close();
}

export async function startupScenario(options: StartupOptions): Promise<ScenarioResult> {
  const empty = sqliteDatabase();
  const full = sqliteDatabase();
  try {
    const emptyMs = await timeStarts(empty.serverEnv, options.runs);
    await fill(full.storeOptions.sqliteFile!, options.messages);
    const fullMs = await timeStarts(full.serverEnv, options.runs);
    const rows: Row[] = [
      ['empty database', emptyMs] as const,
      [`${options.messages.toLocaleString('en')} messages`, fullMs] as const,
    ].flatMap(([metric, [first, ...again]]) => {
      const row: Row = {
        scenario: 'start-up to ready',
        metric,
        value: first!,
        unit: 'ms',
        target: '< 1000 ms',
        met: first! < 1000,
      };
      return [row, ...again.map((ms) => secondRun(row, ms))];
    });
    return { name: 'startup', rows, details: { options, emptyMs, fullMs } };
  } finally {
    await empty.drop();
    await full.drop();
  }
}
