// `switchboard migrate`: applies pending migrations (the server also does this on start).
import type { Config } from '../config.js';
import { migrateToLatest } from '../storage/migrate.js';
import { openStore } from '../storage/store.js';

export async function migrateCommand(config: Config): Promise<number> {
  const store = openStore({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
  try {
    const { applied } = await migrateToLatest(store);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date');
    return 0;
  } finally {
    await store.close();
  }
}
