// A transfer the receiver must accept (TRANSFER_MODE=offer): the chat stays with its agent, who
// may go on answering, while the receiver is offered it (a `transfer.offer` frame: a chime, a
// notification, Accept / Decline) until TRANSFER_OFFER_SECONDS have passed. The offer is a row,
// so it outlives the request and the node; it is expired on this node at its deadline, and by the
// housekeeping sweep should that node be gone (transferOfferExpiry.ts).
import type { Viewer } from '../../domain/policies.js';
import { beingTransferredLine, offerLine } from '../../domain/transcriptLines.js';
import { offerDeadline } from '../../domain/transfers/transferOffer.js';
import {
  findOffer,
  insertOffer,
  type TransferOfferRecord,
} from '../../storage/repositories/transferOffers.js';
import { commit, type ServiceContext } from '../context.js';
import { appendDeskLine, appendSystemMessage } from '../sessions/sessionEvents.js';
import { announceOffer, closePendingOffer } from './offerClosing.js';
import { loadReceiver, loadTransferSource, writeHandoverNote } from './transferSource.js';

export interface OfferTransferProps {
  viewer: Viewer;
  sessionId: string;
  agentId: string;
  /** A handover note for the receiver, which they read with the offer. */
  note?: string | undefined;
}

export function offerTransfer(
  ctx: ServiceContext,
  { viewer, sessionId, agentId, note }: OfferTransferProps,
): Promise<TransferOfferRecord> {
  return commit(ctx, async (trx, outbox) => {
    const source = await loadTransferSource(trx, ctx, viewer, sessionId, {
      withNote: note !== undefined,
    });
    const { to } = await loadReceiver(trx, ctx, source, agentId);
    // A new offer replaces the one still waiting, if any: the latest decision stands.
    await closePendingOffer(trx, ctx, outbox, sessionId, viewer.id);
    const noteId = await writeHandoverNote(trx, ctx, outbox, source, note);
    const { from, by } = source;
    const now = ctx.clock.now();
    const id = ctx.ids.next();
    const expiresAt = offerDeadline(now, ctx.settings.transferOfferMs);
    await insertOffer(trx, {
      id,
      session_id: sessionId,
      from_agent_id: from.id,
      to_agent_id: to.id,
      offered_by: by.id,
      note_message_id: noteId,
      status: 'pending',
      created_at: now,
      expires_at: expiresAt,
      resolved_at: null,
      resolved_by: null,
      returned_to: null,
    });
    await appendDeskLine(trx, ctx, outbox, sessionId, offerLine(from, to, by));
    await appendSystemMessage(trx, ctx, outbox, sessionId, beingTransferredLine(to));
    const offer = (await findOffer(trx, id))!;
    announceOffer(outbox, offer);
    outbox.expireOfferAt(expiresAt);
    return offer;
  });
}
