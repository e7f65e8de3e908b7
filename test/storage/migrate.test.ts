// Migrations on PostgreSQL look only at their own schema: several deployments (or test runs)
// share one database, each in a schema of its own, and one dropping its schema while another
// migrates must not fail the other.
import { Migrator, sql } from 'kysely';
import { expect, it } from 'vitest';
import { lookingOnlyAt, migrateToLatest } from '../../src/storage/migrate.js';
import { migrations } from '../../src/storage/migrations/index.js';
import type { Store } from '../../src/storage/store.js';
import { createSchemaBeside, describeEachDatabase } from '../support/databases.js';

async function schemaOf(store: Store): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
    store.db,
  );
  return rows[0]!.schema;
}

describeEachDatabase('migrations', (db, dialect) => {
  it('apply once: a second run applies nothing', async () => {
    expect((await migrateToLatest(db())).applied).toEqual([]);
  });

  if (dialect !== 'postgres') return;

  it('introspect only their own schema, while another deployment has tables of its own', async () => {
    const other = await createSchemaBeside(db());
    try {
      const schema = await schemaOf(db());
      const everyone = await db().db.introspection.getTables({ withInternalKyselyTables: true });
      const ours = await lookingOnlyAt(db().db, schema).introspection.getTables();
      // The default introspector sees the other schema's tables; ours sees only its own, all of
      // them, the Migrator's bookkeeping included.
      expect(everyone.some((t) => t.schema !== schema)).toBe(true);
      expect(ours.every((t) => t.schema === schema)).toBe(true);
      expect(new Set(ours.map((t) => t.name))).toEqual(
        new Set(everyone.filter((t) => t.schema === schema).map((t) => t.name)),
      );
      expect(ours.map((t) => t.name)).toContain('kysely_migration');
    } finally {
      await other.drop();
    }
  });
});

describeEachDatabase('migrations, undone', (db) => {
  it('undo one by one down to an empty database, and apply again', async () => {
    // On PostgreSQL, looking only at this schema, as migrateToLatest does: another file's schema
    // dropped while this one's tables are listed must not fail the listing.
    const schema = db().dialect === 'postgres' ? await schemaOf(db()) : null;
    const migrator = new Migrator({
      db: schema ? lookingOnlyAt(db().db, schema) : db().db,
      provider: { getMigrations: async () => migrations },
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const names = Object.keys(migrations).sort();
    for (const name of [...names].reverse()) {
      const { error, results } = await migrator.migrateDown();
      expect(error, name).toBeUndefined();
      expect(results?.map((r) => [r.migrationName, r.status])).toEqual([[name, 'Success']]);
    }
    expect((await migrateToLatest(db())).applied).toEqual(names);
  });
});
