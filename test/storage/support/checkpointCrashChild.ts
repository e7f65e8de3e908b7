// Run by walCheckpointer.test.ts and killed with SIGKILL: commits rows of 8 KiB as fast as it can
// with the checkpointer running every few milliseconds, and prints each row's id once its commit
// returned ("acked") and every checkpoint the worker reports.
import SqliteDatabase from 'better-sqlite3';
import { WalCheckpointer } from '../../../src/storage/walCheckpointer.js';

const file = process.argv[2]!;
const sqlite = new SqliteDatabase(file);
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = FULL');
sqlite.pragma('wal_autocheckpoint = 0');
sqlite.exec('create table if not exists rows (id integer primary key, body blob not null)');
const checkpointer = new WalCheckpointer({
  file,
  connection: sqlite,
  intervalMs: 5,
  truncatePages: 2000,
});
checkpointer.onReport((message) => {
  if (message.type === 'checkpoint') process.stdout.write(`checkpoint ${message.report.mode}\n`);
});
const insert = sqlite.prepare('insert into rows (id, body) values (?, randomblob(8192))');
let id = 0;
const commitSome = () => {
  // A few rows per commit, then back to the event loop so the worker's reports are heard.
  for (let i = 0; i < 5; i++) {
    id++;
    insert.run(id);
    process.stdout.write(`acked ${id}\n`);
  }
  setImmediate(commitSome);
};
commitSome();
