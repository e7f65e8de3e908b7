// Marks the report hours of chats a change moved a metric of, inside the change's transaction
// (docs/reports.md lists the changes); the rollup worker counts them again.
import { markChatHours } from '../../storage/repositories/reports/dirtyHours.js';
import type { Db } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';

export function markReportHours(
  trx: Db,
  ctx: ServiceContext,
  sessionIds: readonly string[],
): Promise<void> {
  return markChatHours(trx, ctx.ids.next(), sessionIds, ctx.clock.now());
}
