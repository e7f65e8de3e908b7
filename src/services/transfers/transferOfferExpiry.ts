// Transfer offers expire at their deadline: a timer on the node that made the offer runs the
// check then, and the housekeeping sweep runs it every period as the safety net (a node that
// died, a timer lost to a restart). The check is the state machine's (nextOfferStatus), under the
// chat's lock, so an offer expires once, whichever node gets there first, and never early.
import { nextOfferStatus } from '../../domain/transfers/transferOffer.js';
import { findSessionCore } from '../../storage/repositories/sessions/sessionRecords.js';
import {
  dueOffers,
  findOffer,
  type TransferOfferRecord,
} from '../../storage/repositories/transferOffers.js';
import type { Clock } from '../runtime.js';
import { commit, type OfferDeadlines, type ServiceContext } from '../context.js';
import { endUnanswered } from './offerEnding.js';

/** Offers expired per pass; a longer backlog is taken by the next pass. */
const BATCH = 100;

/** Expires every pending offer whose deadline has come; returns those it expired. */
export async function expireDueOffers(ctx: ServiceContext): Promise<TransferOfferRecord[]> {
  const now = ctx.clock.now();
  const due = await dueOffers(ctx.store.db, now, BATCH);
  const expired: TransferOfferRecord[] = [];
  for (const { id, session_id } of due) {
    const ended = await commit(ctx, async (trx, outbox) => {
      // The chat first, then the offer: the order every transaction ending an offer locks in.
      const record = await findSessionCore(trx, session_id, ctx.store);
      const offer = await findOffer(trx, id, ctx.store);
      if (!record || !offer) return null;
      const state = { status: offer.row.status, expiresAt: offer.row.expires_at };
      // Answered meanwhile, on this node or another.
      if (nextOfferStatus(state, 'expire', now) !== 'expired') return null;
      return endUnanswered(trx, ctx, outbox, record, offer, 'expired', null);
    });
    if (ended) expired.push(ended);
  }
  return expired;
}

/** Runs the expiry check at each offer's deadline, on the node that made the offer. */
export class OfferExpiryTimers implements OfferDeadlines {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly check: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  expireAt(at: number): void {
    if (this.stopped) return;
    // A little after the deadline: the check must find the offer due, never a moment early.
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.check().catch(this.onError);
      },
      Math.max(0, at - this.clock.now()) + 50,
    );
    timer.unref();
    this.timers.add(timer);
  }

  /** The node is stopping: the sweep of the nodes that remain expires what is left. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
