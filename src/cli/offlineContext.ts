// A service context for one-off commands: storage without a server, bus or routing loop.
import { MemoryBus } from '../bus/memoryBus.js';
import type { Config } from '../config.js';
import type { ServiceContext } from '../services/context.js';
import { serviceSettings } from '../node.js';
import { systemClock, uuidV7 } from '../services/runtime.js';
import { openFileStore } from '../storage/files/openFileStore.js';
import { migrateToLatest } from '../storage/migrate.js';
import { openStore, type Store } from '../storage/store.js';

/** Services over `store` without a running node: nothing listens to the bus, routing is manual. */
export function offlineContext(store: Store, config: Config): ServiceContext {
  return {
    store,
    files: openFileStore(store, config.files.dir),
    clock: systemClock,
    ids: uuidV7,
    bus: new MemoryBus(),
    // Commands route explicitly when they need it; a running server routes on its next sweep.
    routing: { kick: () => {} },
    // Likewise offers: a running server's sweep expires them.
    offerDeadlines: { expireAt: () => {} },
    // And mail: a running server's sweep sends what a command queued.
    mail: { kick: () => {} },
    nodeId: 'cli',
    settings: serviceSettings(config),
  };
}

export async function withOfflineContext<T>(
  config: Config,
  work: (ctx: ServiceContext) => Promise<T>,
): Promise<T> {
  const store = openStore({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
  try {
    await migrateToLatest(store);
    return await work(offlineContext(store, config));
  } finally {
    await store.close();
  }
}
