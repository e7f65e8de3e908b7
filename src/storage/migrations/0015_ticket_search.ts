// Ticket search and the SLA sweep (docs/tickets.md). Search without a separate search server:
// on SQLite, FTS5 tables over ticket subjects and message bodies, their content read from the
// tables themselves (external content) and kept in step by triggers; on PostgreSQL, GIN indexes
// on the same text as a `simple` tsvector. And for the sweep: `sla_check_at`, when the ticket's
// next SLA warning or breach falls due, and one history row per alert, never two.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * FTS5 over `column` of `table`, indexed by the table's rowid. The tokenizer splits on anything
 * that is not a letter or a digit and folds case, and keeps accents, as PostgreSQL's `simple`
 * configuration does, so both databases find the same words (no stemming: names and course
 * codes like CS101 are matched as written). Chat search (0019) builds its tables with it too.
 * Rows whose `skip.column` is `skip.value` stay out of the index (and out of its cost).
 */
export async function ftsTable(
  db: Kysely<unknown>,
  name: string,
  table: string,
  column: string,
  skip?: Unindexed,
) {
  await sql
    .raw(
      `create virtual table ${name} using fts5(${column}, content='${table}', ` +
        `content_rowid='rowid', tokenize='unicode61 remove_diacritics 0')`,
    )
    .execute(db);
  const kept = (row: string) => (skip ? ` where ${row}.${skip.column} <> '${skip.value}'` : '');
  const remove = `insert into ${name}(${name}, rowid, ${column}) select 'delete', old.rowid, old.${column}${kept('old')};`;
  const add = `insert into ${name}(rowid, ${column}) select new.rowid, new.${column}${kept('new')};`;
  await sql
    .raw(`create trigger ${name}_insert after insert on ${table} begin ${add} end`)
    .execute(db);
  await sql
    .raw(`create trigger ${name}_delete after delete on ${table} begin ${remove} end`)
    .execute(db);
  await sql
    .raw(
      `create trigger ${name}_update after update of ${column} on ${table} begin ${remove} ${add} end`,
    )
    .execute(db);
  // The rows written before this migration ('rebuild' would index the skipped ones too).
  if (skip) {
    await sql
      .raw(
        `insert into ${name}(rowid, ${column}) select rowid, ${column} from ${table}${kept(table)}`,
      )
      .execute(db);
  } else {
    await sql.raw(`insert into ${name}(${name}) values ('rebuild')`).execute(db);
  }
}

/** Rows a full-text search leaves out: those whose `column` is `value`. */
export interface Unindexed {
  column: string;
  value: string;
}

/** One full-text search, made by createTextSearch: its names on each database, and its text. */
export interface TextSearch {
  index: string;
  fts: string;
  table: string;
  column: string;
  /** Rows left out of the index; the queries must leave them out too (PostgreSQL's index is partial). */
  skip?: Unindexed;
}

/**
 * Each full-text search over `column` of `table`: on PostgreSQL, the GIN index `index` on it as a
 * `simple` tsvector (an expression index, not a stored column: every `select *` of a ticket or a
 * thread would otherwise carry the vector along; queries repeat the expression exactly to use
 * it); on SQLite, the FTS5 table `fts` (ftsTable). Chat search (0019) is made with it too.
 */
export async function createTextSearch(db: Kysely<unknown>, searches: readonly TextSearch[]) {
  for (const { index, fts, table, column, skip } of searches) {
    if (isPostgres(db)) {
      const where = skip ? ` where ${skip.column} <> '${skip.value}'` : '';
      await sql
        .raw(
          `create index ${index} on ${table} using gin (to_tsvector('simple', ${column}))${where}`,
        )
        .execute(db);
    } else {
      await ftsTable(db, fts, table, column, skip);
    }
  }
}

/** Undoes createTextSearch, the last first. */
export async function dropTextSearch(db: Kysely<unknown>, searches: readonly TextSearch[]) {
  for (const { index, fts } of [...searches].reverse()) {
    if (isPostgres(db)) {
      await db.schema.dropIndex(index).execute();
    } else {
      for (const change of ['insert', 'delete', 'update']) {
        await sql.raw(`drop trigger ${fts}_${change}`).execute(db);
      }
      await sql.raw(`drop table ${fts}`).execute(db);
    }
  }
}

const SEARCHES: TextSearch[] = [
  {
    index: 'tickets_subject_search',
    fts: 'ticket_subject_search',
    table: 'tickets',
    column: 'subject',
  },
  {
    index: 'ticket_messages_search',
    fts: 'ticket_message_search',
    table: 'ticket_messages',
    column: 'body',
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await createTextSearch(db, SEARCHES);

  // When the sweep must look at the ticket next: the soonest "at risk" or due time of a running
  // target it has not yet recorded (null: nothing to watch). The sweep reads an index range of it.
  await db.schema.alterTable('tickets').addColumn('sla_check_at', 'bigint').execute();
  await db.schema
    .createIndex('tickets_sla_check')
    .on('tickets')
    .column('sla_check_at')
    .where(sql.ref('sla_check_at'), 'is not', null)
    .execute();
  // Tickets with a running target before this migration are looked at by the first sweeps.
  await sql`update tickets set sla_check_at = 0 where next_due_at is not null`.execute(db);
  // One warning and one breach per ticket, target (field) and due time (to_value), on any
  // number of nodes.
  await sql`create unique index ticket_events_sla_once on ticket_events (ticket_id, kind, field, to_value)
    where kind in ('sla_warning', 'sla_breach')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('ticket_events_sla_once').execute();
  await db.schema.dropIndex('tickets_sla_check').execute();
  await db.schema.alterTable('tickets').dropColumn('sla_check_at').execute();
  await dropTextSearch(db, SEARCHES);
}
