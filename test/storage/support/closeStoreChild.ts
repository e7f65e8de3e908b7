// Run by walCheckpointer.test.ts: opens a store on a file, closes it, and says so. Nothing else
// keeps this process alive while close() waits for the checkpointer's thread to end.
import { openStore } from '../../../src/storage/store.js';

const store = openStore({ sqliteFile: process.argv[2]! });
await store.ping();
await store.close();
process.stdout.write('closed\n');
