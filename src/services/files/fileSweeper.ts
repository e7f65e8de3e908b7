// Removes the files no message holds (run by the housekeeping sweep): those whose message was
// purged, uploads never sent within ABANDONED_UPLOAD_MS, and drafts (the files of a new request)
// past their expiry, content first from the rows then from whichever FileStore keeps it.
import { ABANDONED_UPLOAD_MS } from '../../domain/files/fileLimits.js';
import { deleteUnownedFiles, fileKeys } from '../../storage/repositories/files.js';
import type { ServiceContext } from '../context.js';

const BATCH = 100;
/** A period's share: a backlog drains over a few sweeps rather than holding one up. */
const BATCHES_PER_SWEEP = 10;

/** Returns how many files it removed. */
export async function sweepFiles(ctx: Pick<ServiceContext, 'store' | 'files' | 'clock'>) {
  let removed = 0;
  for (let batch = 0; batch < BATCHES_PER_SWEEP; batch++) {
    const now = ctx.clock.now();
    const ids = await deleteUnownedFiles(
      ctx.store.db,
      { abandonedBefore: now - ABANDONED_UPLOAD_MS, now },
      BATCH,
    );
    await ctx.files.delete(ids.flatMap((id) => Object.values(fileKeys(id))));
    removed += ids.length;
    if (ids.length < BATCH) break;
  }
  return removed;
}
