// What the agents' pages need to know of the deployment's settings: when a chat has waited too
// long for the agent's reply (REPLY_OVERDUE_SECONDS), so the Active list and All chats say so,
// and whether a transfer to an agent is an offer they accept, and for how long (TRANSFER_MODE,
// TRANSFER_OFFER_SECONDS), so the transfer picker and the offer say what will happen.
import { forbidden } from '../../domain/errors.js';
import { agentPolicy, type Viewer } from '../../domain/policies.js';
import type { TransferMode } from '../../shared/vocabulary.js';
import type { ServiceContext } from '../context.js';

export interface DeskSettingsRecord {
  replyOverdueMs: number;
  transferMode: TransferMode;
  transferOfferMs: number;
}

export function getDeskSettings(ctx: ServiceContext, viewer: Viewer): DeskSettingsRecord {
  if (!agentPolicy.list(viewer)) throw forbidden('Only agents see the desk settings');
  const { replyOverdueMs, transferMode, transferOfferMs } = ctx.settings;
  return { replyOverdueMs, transferMode, transferOfferMs };
}
