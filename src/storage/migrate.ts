// Applies the versioned migrations; both dialects run the same list.
import {
  Migrator,
  sql,
  type DatabaseIntrospector,
  type Kysely,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';
import { migrations } from './migrations/index.js';
import type { Store } from './store.js';

export interface MigrationReport {
  applied: string[];
}

export async function migrateToLatest(store: Store): Promise<MigrationReport> {
  const schema = store.dialect === 'postgres' ? await currentSchema(store) : null;
  const migrator = new Migrator({
    db: schema ? lookingOnlyAt(store.db, schema) : store.db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its bookkeeping tables in every schema unless told which one: another
    // deployment (or test run) in the same PostgreSQL database would fool it.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
}

async function currentSchema(store: Store): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
    store.db,
  );
  return rows[0]!.schema;
}

/**
 * The database as the Migrator sees it, with an introspector that reads `schema` alone. Kysely's
 * own PostgreSQL introspector reads the columns of every table of every schema to learn whether
 * its two bookkeeping tables exist: slow where many deployments (or test runs) share a database,
 * and failing ("schema … does not exist") when another of them drops its schema meanwhile.
 */
export function lookingOnlyAt<DB>(db: Kysely<DB>, schema: string): Kysely<DB> {
  const introspection: DatabaseIntrospector = {
    async getSchemas(): Promise<SchemaMetadata[]> {
      const { rows } = await sql<{ name: string }>`
        select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db);
      return rows;
    },
    async getTables(): Promise<TableMetadata[]> {
      const { rows } = await sql<{ name: string; type: string }>`
        select table_name as name, table_type as type from information_schema.tables
        where table_schema = ${schema}`.execute(db);
      return rows.map((row) => ({
        name: row.name,
        schema,
        isView: row.type === 'VIEW',
        columns: [],
      }));
    },
    async getMetadata() {
      return { tables: await this.getTables() };
    },
  };
  // Kysely's methods read private fields, so they run on the real instance, not on the proxy.
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}
