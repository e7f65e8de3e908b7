// Kysely prepares every query anew; better-sqlite3 statements are reusable, and preparing costs
// as much as running a small query. The store's connection and the report reader's worker both
// cache statements by their SQL text.
import type SqliteDatabase from 'better-sqlite3';

/**
 * `prepare` for `sqlite`, answered from a cache by SQL text. Queries come from a fixed set of
 * shapes; `bound` only guards against a runaway caller (the cache starts over past it).
 */
export function cachedPrepare(
  sqlite: SqliteDatabase.Database,
  bound: number,
): (source: string) => SqliteDatabase.Statement {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return (source) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = sqlite.prepare(source);
      if (cache.size >= bound) cache.clear();
      cache.set(source, statement);
    }
    return statement;
  };
}
