// A chat's pending transfer offer goes with the chat's state: when the chat ends, goes back to
// the queue, or is transferred some other way meanwhile, the offer is withdrawn and everyone it
// concerns is told (`transfer.offer`), so no receiver accepts a chat that has moved on.
import { topics } from '../../bus/bus.js';
import {
  endOffer,
  findPendingOffer,
  hasPendingOffer,
  type OfferEnding,
  type TransferOfferRecord,
} from '../../storage/repositories/transferOffers.js';
import type { Db } from '../../storage/store.js';
import type { Outbox, ServiceContext } from '../context.js';
import { FAN_OUT, presentTransferOffer } from '../presenters.js';

/**
 * Withdraws the chat's pending offer, if it has one, inside the caller's transaction (which
 * holds the chat's row). `by` is who withdrew it; null when the system did (the chat ended or
 * went back to the queue).
 */
export async function closePendingOffer(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  sessionId: string,
  by: string | null = null,
): Promise<void> {
  if (!(await hasPendingOffer(trx, sessionId))) return;
  const offer = await findPendingOffer(trx, sessionId, ctx.store);
  if (!offer) return;
  await endOfferAs(trx, outbox, offer, {
    status: 'withdrawn',
    resolved_at: ctx.clock.now(),
    resolved_by: by,
    returned_to: null,
  });
}

/** Ends a pending offer as `ending` says and tells those it concerns; false if it had ended. */
export async function endOfferAs(
  trx: Db,
  outbox: Outbox,
  offer: TransferOfferRecord,
  ending: OfferEnding,
): Promise<TransferOfferRecord | null> {
  if (!(await endOffer(trx, offer.row.id, ending))) return null;
  const ended = { ...offer, row: { ...offer.row, ...ending } };
  announceOffer(outbox, ended);
  return ended;
}

/** The `transfer.offer` frame, on the own topic of the receiver, the chat's agent and its maker. */
export function announceOffer(outbox: Outbox, offer: TransferOfferRecord): void {
  const frame = { type: 'transfer.offer', offer: presentTransferOffer(offer, FAN_OUT) } as const;
  for (const userId of new Set([offer.to.id, offer.from.id, offer.by.id])) {
    outbox.add(topics.user(userId), frame);
  }
}
