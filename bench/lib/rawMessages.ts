// The message table of the raw baselines (the driver's commit rate, the durable relay): shaped
// like Switchboard's chat_messages, with the same unique indexes, so a baseline's row costs the
// database what a message costs Switchboard's insert.

/** The durable relay's table (the raw driver's is `raw_messages`). */
export const RELAY_TABLE = 'relay_messages';

/** The columns every baseline fills, in order. */
export const RAW_COLUMNS = [
  'id',
  'session_id',
  'seq',
  'sender_id',
  'message_type',
  'message_text',
  'client_id',
  'created_at',
] as const;

export type RawRow = [
  id: string,
  sessionId: string,
  seq: number,
  senderId: string,
  type: string,
  text: string,
  clientId: string,
  createdAt: number,
];

/** `create table` and its indexes for a message table named `table`. */
export function rawMessagesSchema(table: string): string[] {
  return [
    `create table if not exists ${table} (
      id text primary key, session_id text not null, seq integer not null, sender_id text,
      message_type text not null, message_text text not null, client_id text,
      is_read integer not null default 0, read_at bigint, created_at bigint not null)`,
    `create unique index if not exists ${table}_seq on ${table} (session_id, seq)`,
    `create unique index if not exists ${table}_client on ${table} (session_id, sender_id, client_id)`,
  ];
}

/** An insert of `rows` rows: `?` placeholders for SQLite, `$n` for PostgreSQL. */
export function rawInsert(table: string, rows: number, dialect: 'sqlite' | 'postgres'): string {
  const width = RAW_COLUMNS.length;
  const placeholder = (i: number, j: number) =>
    dialect === 'sqlite' ? '?' : `$${i * width + j + 1}`;
  const tuple = (i: number) => `(${RAW_COLUMNS.map((_, j) => placeholder(i, j)).join(', ')})`;
  const values = Array.from({ length: rows }, (_, i) => tuple(i)).join(', ');
  return `insert into ${table} (${RAW_COLUMNS.join(', ')}) values ${values}`;
}
