// Transfer, as the API offers it: to a team's queue, or to an agent, at once or as an offer they
// accept, as the deployment chose (TRANSFER_MODE).
import type { Viewer } from '../../domain/policies.js';
import type { SessionRecord } from '../../storage/repositories/sessions/sessionRecords.js';
import type { TransferOfferRecord } from '../../storage/repositories/transferOffers.js';
import type { ServiceContext } from '../context.js';
import { transferSession } from './agentTransfer.js';
import { transferToTeam } from './teamTransfer.js';
import { offerTransfer } from './transferOfferMaker.js';

export interface TransferChatProps {
  viewer: Viewer;
  sessionId: string;
  target: { agentId: string } | { teamId: string };
  note?: string | undefined;
}

/** The chat moved (to an agent, or to a team's queue), or an agent was offered it. */
export type TransferOutcome =
  { kind: 'moved'; session: SessionRecord } | { kind: 'offered'; offer: TransferOfferRecord };

export async function transferChat(
  ctx: ServiceContext,
  { viewer, sessionId, target, note }: TransferChatProps,
): Promise<TransferOutcome> {
  if ('teamId' in target) {
    const session = await transferToTeam(ctx, { viewer, sessionId, teamId: target.teamId, note });
    return { kind: 'moved', session };
  }
  const props = { viewer, sessionId, agentId: target.agentId, note };
  if (ctx.settings.transferMode === 'offer') {
    return { kind: 'offered', offer: await offerTransfer(ctx, props) };
  }
  return { kind: 'moved', session: await transferSession(ctx, props) };
}
