// A participant has read the conversation up to a point: their messages' senders get read ticks.
import type { Viewer } from '../../domain/policies.js';
import { markRead as markReadRows } from '../../storage/repositories/messages.js';
import { commit, type ServiceContext } from '../context.js';
import { loadSessionFor } from '../sessions/sessionAccess.js';
import { appendReadReceipt } from '../sessions/sessionEvents.js';

export interface MarkReadProps {
  viewer: Viewer;
  sessionId: string;
  upToSeq: number;
}

/** Returns the reader's new read position, or null when it did not move (repeat or non-participant). */
export function markRead(ctx: ServiceContext, props: MarkReadProps): Promise<number | null> {
  const { viewer, sessionId } = props;
  return commit(
    ctx,
    async (trx, outbox) => {
      const { record } = await loadSessionFor(trx, viewer, sessionId, { lock: ctx.store });
      const upToSeq = Math.min(props.upToSeq, record.row.last_seq);
      const moved = await markReadRows(trx, sessionId, viewer.id, upToSeq, ctx.clock.now());
      if (moved === null) return null;
      const reader =
        viewer.id === record.customer.id
          ? record.customer
          : viewer.id === record.agent?.id
            ? record.agent
            : null;
      if (reader) await appendReadReceipt(trx, ctx, outbox, sessionId, reader, upToSeq);
      return moved;
    },
    { groupBy: sessionId },
  );
}
