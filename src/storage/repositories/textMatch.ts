// Case-insensitive "contains" that means the same on SQLite and PostgreSQL, with % and _ literal.
import { sql, type Expression, type SqlBool } from 'kysely';

export function containsText(column: string, needle: string): Expression<SqlBool> {
  const pattern = `%${needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}
