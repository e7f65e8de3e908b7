// A direct transfer: an active chat moves at once from its agent to another, by that agent, the
// lead of its team or a super admin, optionally with a handover note for the receiver. The
// transcript names who acted: "Kofi transferred the chat to Esi", "Ada moved the chat from Kofi
// to Esi". (With TRANSFER_MODE=offer the receiver accepts first: transferOfferMaker.ts.)
import type { Viewer } from '../../domain/policies.js';
import { transferLine } from '../../domain/transcriptLines.js';
import type { SessionRecord } from '../../storage/repositories/sessions/sessionRecords.js';
import { commit, type ServiceContext } from '../context.js';
import { moveChat } from './chatHandover.js';
import { loadReceiver, loadTransferSource, writeHandoverNote } from './transferSource.js';

export interface TransferSessionProps {
  viewer: Viewer;
  sessionId: string;
  agentId: string;
  /** A handover note for the receiver (an internal note). */
  note?: string | undefined;
}

export function transferSession(
  ctx: ServiceContext,
  { viewer, sessionId, agentId, note }: TransferSessionProps,
): Promise<SessionRecord> {
  return commit(ctx, async (trx, outbox) => {
    const source = await loadTransferSource(trx, ctx, viewer, sessionId, {
      withNote: note !== undefined,
    });
    const { to } = await loadReceiver(trx, ctx, source, agentId);
    const handoverNoteId = await writeHandoverNote(trx, ctx, outbox, source, note);
    const { from, by } = source;
    return moveChat(trx, ctx, outbox, {
      sessionId,
      from,
      to,
      by,
      handoverNoteId,
      line: transferLine(from, to, by),
    });
  });
}
