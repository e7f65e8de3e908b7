// Picks the deployment's file store: a directory when FILES_DIR is set, the database otherwise.
import type { Store } from '../store.js';
import { DatabaseFileStore } from './databaseFileStore.js';
import { DiskFileStore } from './diskFileStore.js';
import type { FileStore } from './fileStore.js';

export function openFileStore(store: Pick<Store, 'db'>, filesDir: string | undefined): FileStore {
  return filesDir ? new DiskFileStore(filesDir) : new DatabaseFileStore(store.db);
}
