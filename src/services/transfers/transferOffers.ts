// The transfer offers waiting for an answer that concern an agent: those made to them, those
// they made, and those of their chats, so the console shows them after a reload (the
// `transfer.offer` frame keeps them current while the page is open).
import { forbidden } from '../../domain/errors.js';
import { transferOfferPolicy, type Viewer } from '../../domain/policies.js';
import {
  listPendingOffersFor,
  type TransferOfferRecord,
} from '../../storage/repositories/transferOffers.js';
import type { ServiceContext } from '../context.js';

export async function listTransferOffers(
  ctx: ServiceContext,
  viewer: Viewer,
): Promise<TransferOfferRecord[]> {
  if (!transferOfferPolicy.list(viewer)) throw forbidden('Transfer offers are for agents');
  const now = ctx.clock.now();
  // Past its deadline an offer is as good as expired, whether or not the check has run yet.
  return (await listPendingOffersFor(ctx.store.db, viewer.id)).filter(
    (offer) => offer.row.expires_at > now,
  );
}
