// People search (docs/tickets.md#search): an index for the case-folded `contains` on a person's
// name and email, which people search and chat search's customer matches ask, so neither reads
// every account. On PostgreSQL, pg_trgm GIN indexes on lower(name) and lower(email), which answer
// the same `lower(…) like '%…%'` the queries already ask (their results do not change); a
// deployment whose role may not create the extension keeps the scan, with one warning here. On
// SQLite, an FTS5 `trigram` table over both columns (external content, kept by triggers), which
// storage/repositories/personMatch.ts asks for every word of three characters or more.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The SQLite FTS5 table over users' names and emails. */
export const PEOPLE_FTS = 'user_search';

const INDEXES = [
  { name: 'users_name_trgm', column: 'name' },
  { name: 'users_email_trgm', column: 'email' },
];

/** The schema pg_trgm lives in: where it was, else created in `public`; null if it cannot be. */
async function trigramSchema(db: Kysely<unknown>): Promise<string | null> {
  const existing = await sql<{ schema: string }>`select extnamespace::regnamespace::text as schema
    from pg_extension where extname = 'pg_trgm'`.execute(db);
  if (existing.rows[0]) return existing.rows[0].schema;
  // A savepoint, so that a refusal leaves the migration's transaction usable. In `public`, not
  // the first schema of the search path: a deployment (or a test) living in a schema of its own
  // that is later dropped would take the extension, and every other schema's index, with it.
  await sql`savepoint people_trigram`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    await sql`release savepoint people_trigram`.execute(db);
    return 'public';
  } catch (error) {
    await sql`rollback to savepoint people_trigram`.execute(db);
    // Another migration (another schema's, a test's) may have created it at the same moment.
    const created = await sql<{ schema: string }>`select extnamespace::regnamespace::text as schema
      from pg_extension where extname = 'pg_trgm'`.execute(db);
    if (created.rows[0]) return created.rows[0].schema;
    console.warn(
      `People search keeps scanning the accounts: pg_trgm could not be created (${String(error)}).`,
    );
    return null;
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    const schema = await trigramSchema(db);
    if (!schema) return;
    for (const { name, column } of INDEXES) {
      await sql
        .raw(`create index ${name} on users using gin (lower(${column}) "${schema}".gin_trgm_ops)`)
        .execute(db);
    }
    return;
  }
  // case_sensitive 0 folds case as lower() does for ASCII (and beyond it, as PostgreSQL does);
  // accents are kept, as lower() keeps them.
  await sql
    .raw(
      `create virtual table ${PEOPLE_FTS} using fts5(name, email, content='users', ` +
        `content_rowid='rowid', tokenize='trigram case_sensitive 0 remove_diacritics 0')`,
    )
    .execute(db);
  const remove = `insert into ${PEOPLE_FTS}(${PEOPLE_FTS}, rowid, name, email) values ('delete', old.rowid, old.name, old.email);`;
  const add = `insert into ${PEOPLE_FTS}(rowid, name, email) values (new.rowid, new.name, new.email);`;
  await sql
    .raw(`create trigger ${PEOPLE_FTS}_insert after insert on users begin ${add} end`)
    .execute(db);
  await sql
    .raw(`create trigger ${PEOPLE_FTS}_delete after delete on users begin ${remove} end`)
    .execute(db);
  await sql
    .raw(
      `create trigger ${PEOPLE_FTS}_update after update of name, email on users begin ${remove} ${add} end`,
    )
    .execute(db);
  await sql.raw(`insert into ${PEOPLE_FTS}(${PEOPLE_FTS}) values ('rebuild')`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    for (const { name } of INDEXES) await sql.raw(`drop index if exists ${name}`).execute(db);
    return;
  }
  for (const change of ['insert', 'delete', 'update']) {
    await sql.raw(`drop trigger ${PEOPLE_FTS}_${change}`).execute(db);
  }
  await sql.raw(`drop table ${PEOPLE_FTS}`).execute(db);
}
