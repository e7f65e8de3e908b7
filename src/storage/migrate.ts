// Applies the versioned migrations; both dialects run the same list.
import { Migrator, sql } from 'kysely';
import { migrations } from './migrations/index.js';
import type { Store } from './store.js';

export interface MigrationReport {
  applied: string[];
}

export async function migrateToLatest(store: Store): Promise<MigrationReport> {
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its bookkeeping tables in every schema unless told which one: another
    // deployment (or test run) in the same PostgreSQL database would fool it.
    ...(store.dialect === 'postgres' ? { migrationTableSchema: await currentSchema(store) } : {}),
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
