// The answers to a transfer offer: its receiver accepts it (the chat becomes theirs, with the
// handover note at its top) or declines it; whoever may transfer the chat withdraws it. The
// deadline decides first (domain/transfers/transferOffer.ts): an answer that comes too late finds
// the offer expired, and the chat where the expiry put it.
import { AppError, forbidden, notFound } from '../../domain/errors.js';
import {
  transferOfferPolicy,
  type TransferOfferFacts,
  type Viewer,
} from '../../domain/policies.js';
import { assignmentLine } from '../../domain/transcriptLines.js';
import { nextOfferStatus, offerExpired } from '../../domain/transfers/transferOffer.js';
import {
  findSessionCore,
  type SessionCore,
  type SessionRecord,
} from '../../storage/repositories/sessions/sessionRecords.js';
import { findOffer, type TransferOfferRecord } from '../../storage/repositories/transferOffers.js';
import type { Db } from '../../storage/store.js';
import { commit, type ServiceContext } from '../context.js';
import { loadActor, loadAgent, lockAgent } from '../sessions/chatAssigner.js';
import { withLeadTeams } from '../teams/teamLeads.js';
import { moveChat } from './chatHandover.js';
import { endOfferAs } from './offerClosing.js';
import { endUnanswered } from './offerEnding.js';

export interface OfferAnswerProps {
  viewer: Viewer;
  offerId: string;
}

export const offerFacts = (offer: TransferOfferRecord): TransferOfferFacts => ({
  toAgentId: offer.row.to_agent_id,
  fromAgentId: offer.row.from_agent_id,
  offeredById: offer.row.offered_by,
  teamId: offer.teamId,
});

const REFUSED = {
  answer: 'Only the agent it is offered to accepts or declines it',
  withdraw: 'Decline the offer instead: only who may transfer the chat withdraws it',
} as const;

/**
 * The offer as `viewer` may act on it (403 for callers who are not agents, whatever the id; 404
 * for an offer they may not see; 403 for one they see but may not answer or withdraw), with its
 * chat. The chat's row is locked before the offer's: every transaction that ends an offer holds
 * its chat first, so answers, the expiry check and the chat's own changes never cross.
 */
async function lockOfferFor(
  trx: Db,
  ctx: ServiceContext,
  viewer: Viewer,
  offerId: string,
  rule: keyof typeof REFUSED,
): Promise<{ offer: TransferOfferRecord; record: SessionCore }> {
  if (!transferOfferPolicy.list(viewer)) throw forbidden('Transfer offers are for agents');
  const seen = await findOffer(trx, offerId);
  const known = await withLeadTeams(trx, viewer);
  if (!seen || !transferOfferPolicy.view(known, offerFacts(seen))) {
    throw notFound('Transfer offer');
  }
  if (!transferOfferPolicy[rule](known, offerFacts(seen))) throw forbidden(REFUSED[rule]);
  const record = (await findSessionCore(trx, seen.row.session_id, ctx.store))!;
  const offer = (await findOffer(trx, offerId, ctx.store))!;
  return { offer, record };
}

const stateOf = (offer: TransferOfferRecord) => ({
  status: offer.row.status,
  expiresAt: offer.row.expires_at,
});

const MOVED_ON = () =>
  new AppError('TRANSFER_OFFER_CLOSED', 'This chat has moved on: it ended or changed hands');

/** The receiver accepts: the chat becomes theirs. */
export async function acceptOffer(
  ctx: ServiceContext,
  { viewer, offerId }: OfferAnswerProps,
): Promise<SessionRecord> {
  const outcome = await commit(ctx, async (trx, outbox) => {
    const { offer, record } = await lockOfferFor(trx, ctx, viewer, offerId, 'answer');
    const now = ctx.clock.now();
    if (nextOfferStatus(stateOf(offer), 'accept', now) === 'expired') {
      await endUnanswered(trx, ctx, outbox, record, offer, 'expired', null);
      return 'expired' as const;
    }
    const { from, to } = offer;
    if (record.row.status !== 'active' || record.row.assigned_agent_id !== from.id) {
      await endOfferAs(trx, outbox, offer, {
        status: 'withdrawn',
        resolved_at: now,
        resolved_by: null,
        returned_to: null,
      });
      return 'moved_on' as const;
    }
    await loadAgent(trx, ctx, to.id);
    // Both agents in id order, as every transaction locks agents.
    for (const id of [from.id, to.id].sort()) await lockAgent(trx, ctx, id);
    await endOfferAs(trx, outbox, offer, {
      status: 'accepted',
      resolved_at: now,
      resolved_by: viewer.id,
      returned_to: null,
    });
    return moveChat(trx, ctx, outbox, {
      sessionId: record.row.id,
      from,
      to,
      by: to,
      handoverNoteId: offer.row.note_message_id,
      line: assignmentLine(to, null),
    });
  });
  // Refused once the expiry (or the withdrawal) is on record, not instead of it.
  if (outcome === 'expired') throw offerExpired();
  if (outcome === 'moved_on') throw MOVED_ON();
  return outcome;
}

/** The receiver declines: the chat stays with its agent (or, if they left, goes to the queue). */
export function declineOffer(
  ctx: ServiceContext,
  props: OfferAnswerProps,
): Promise<TransferOfferRecord> {
  return endByAnswer(ctx, props, 'decline');
}

/** Whoever may transfer the chat takes the offer back before it is answered. */
export function withdrawOffer(
  ctx: ServiceContext,
  props: OfferAnswerProps,
): Promise<TransferOfferRecord> {
  return endByAnswer(ctx, props, 'withdraw');
}

function endByAnswer(
  ctx: ServiceContext,
  { viewer, offerId }: OfferAnswerProps,
  action: 'decline' | 'withdraw',
): Promise<TransferOfferRecord> {
  return commit(ctx, async (trx, outbox) => {
    const rule = action === 'decline' ? 'answer' : 'withdraw';
    const { offer, record } = await lockOfferFor(trx, ctx, viewer, offerId, rule);
    const status = nextOfferStatus(stateOf(offer), action, ctx.clock.now());
    // Too late: the offer expired, which is what a decline or withdrawal wanted anyway.
    const ending =
      status === 'expired' ? 'expired' : action === 'decline' ? 'declined' : 'withdrawn';
    const by = ending === 'expired' ? null : await loadActor(trx, viewer);
    return (await endUnanswered(trx, ctx, outbox, record, offer, ending, by)) ?? offer;
  });
}
