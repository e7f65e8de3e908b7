// An offer that ends without a transfer (declined, expired, withdrawn) gives the chat back to
// the agent who had it, who never stopped having it, unless they have left meanwhile (offline,
// not connected, no longer an agent): then it goes back to its team's queue, in its place. The
// desk's line says how the offer ended; the customer's who is with them now, never a silence.
import { chatReturnsTo } from '../../domain/transfers/transferOffer.js';
import {
  backInQueueLine,
  offerEndedLine,
  stillWithYouLine,
  type UnansweredEnding,
} from '../../domain/transcriptLines.js';
import type { HandoverFacts } from '../../shared/handover.js';
import { listAgentStates } from '../../storage/repositories/agents.js';
import type { PersonRecord } from '../../storage/repositories/people.js';
import { queuePositions } from '../../storage/repositories/sessions/sessionLists.js';
import { type SessionCore } from '../../storage/repositories/sessions/sessionRecords.js';
import type { TransferOfferRecord } from '../../storage/repositories/transferOffers.js';
import type { Db } from '../../storage/store.js';
import type { Outbox, ServiceContext } from '../context.js';
import { putBackInQueue } from '../sessions/chatRequeuer.js';
import {
  appendDeskLine,
  appendSessionUpdate,
  appendSystemMessage,
} from '../sessions/sessionEvents.js';
import { endOfferAs } from './offerClosing.js';

/** The agent as the handover rule sees them, or null when they are no longer an agent. */
async function handoverFactsOf(
  trx: Db,
  ctx: ServiceContext,
  agentId: string,
): Promise<HandoverFacts | null> {
  const [state] = await listAgentStates(trx, {
    now: ctx.clock.now(),
    nodeStaleMs: ctx.settings.nodeStaleMs,
    agentIds: [agentId],
  });
  return state
    ? {
        status: state.status.status,
        connected: state.connected,
        openChats: state.status.current_chat_count,
        maxConcurrentChats: state.status.max_concurrent_chats,
      }
    : null;
}

/**
 * Ends the pending `offer` of the chat `record` (whose row the caller holds) as `ending`, by
 * `by` (null when it expired), and puts the chat where it belongs now. Returns the ended offer,
 * or null when it had ended already.
 */
export async function endUnanswered(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  record: SessionCore,
  offer: TransferOfferRecord,
  ending: UnansweredEnding,
  by: PersonRecord | null,
): Promise<TransferOfferRecord | null> {
  const sessionId = record.row.id;
  const sender = offer.from;
  const stillTheirs = record.row.status === 'active' && record.row.assigned_agent_id === sender.id;
  const returnsTo = stillTheirs ? chatReturnsTo(await handoverFactsOf(trx, ctx, sender.id)) : null;
  const ended = await endOfferAs(trx, outbox, offer, {
    status: ending,
    resolved_at: ctx.clock.now(),
    resolved_by: by?.id ?? null,
    returned_to: returnsTo,
  });
  // A chat that moved on withdraws its offer as it goes (offerClosing.ts): nothing more to say.
  if (!ended || returnsTo === null) return ended;
  await appendDeskLine(trx, ctx, outbox, sessionId, offerEndedLine(ending, offer.to, by));
  if (returnsTo === 'sender') {
    await appendSystemMessage(trx, ctx, outbox, sessionId, stillWithYouLine(sender));
    return ended;
  }
  await putBackInQueue(trx, ctx, outbox, sessionId, sender.id);
  const position = (await queuePositions(trx)).get(sessionId) ?? 1;
  await appendSystemMessage(trx, ctx, outbox, sessionId, backInQueueLine(sender, position));
  await appendSessionUpdate(trx, ctx, outbox, sessionId, 'requeued', [sender.id]);
  return ended;
}
