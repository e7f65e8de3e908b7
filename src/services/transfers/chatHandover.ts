// An active chat moves from its agent to another, inside the caller's transaction: the receiver's
// slot is taken (within their max unless ALLOW_TAKE_OVER_CAPACITY), the previous agent's freed,
// the receiver's first-response clock starts, and the chat's pending offer, if any, goes.
import { sql } from 'kysely';
import { AppError } from '../../domain/errors.js';
import { addOpenChats, removeOpenChat } from '../../storage/repositories/agents.js';
import type { PersonRecord } from '../../storage/repositories/people.js';
import {
  addParticipant,
  markParticipantLeft,
} from '../../storage/repositories/sessions/sessionParticipants.js';
import {
  updateSessionIf,
  type SessionRecord,
} from '../../storage/repositories/sessions/sessionRecords.js';
import type { Db } from '../../storage/store.js';
import type { Outbox, ServiceContext } from '../context.js';
import { appendSessionUpdate, appendSystemMessage } from '../sessions/sessionEvents.js';
import { closePendingOffer } from './offerClosing.js';
import { markReportHours } from '../reports/reportMarks.js';

export interface ChatMove {
  sessionId: string;
  from: PersonRecord;
  to: PersonRecord;
  /** Who asked for the move: the receiver accepting an offer hears of their own capacity. */
  by: PersonRecord;
  /** The internal note left for the receiver (shown at the top of the chat), or null. */
  handoverNoteId: string | null;
  /** The system line everyone reads (domain/transcriptLines.ts). */
  line: string;
}

/** Moves the chat (the caller holds its row and both agents' rows) and returns it as it is now. */
export async function moveChat(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  { sessionId, from, to, by, handoverNoteId, line }: ChatMove,
): Promise<SessionRecord> {
  const now = ctx.clock.now();
  const roomy = await addOpenChats(
    trx,
    new Map([[to.id, 1]]),
    now,
    !ctx.settings.allowTakeOverCapacity,
  );
  if (roomy === 0) {
    throw new AppError(
      'AGENT_AT_CAPACITY',
      by.id === to.id
        ? 'You are at your maximum number of open chats'
        : `${to.name} is at their maximum number of open chats`,
    );
  }
  const moved = await updateSessionIf(
    trx,
    sessionId,
    { status: 'active', agentId: from.id },
    // First response is measured per assignment: the new agent's clock starts now.
    {
      assigned_agent_id: to.id,
      first_agent_reply_at: null,
      transfers: sql<number>`transfers + 1`,
      handover_note_id: handoverNoteId,
      updated_at: now,
    },
  );
  if (!moved) throw new AppError('SESSION_ALREADY_ASSIGNED', 'This chat changed hands meanwhile');
  await removeOpenChat(trx, from.id, now);
  outbox.touchAgent(from.id);
  outbox.touchAgent(to.id);
  await markParticipantLeft(trx, sessionId, from.id, now);
  await addParticipant(trx, { sessionId, userId: to.id, role: 'agent', now });
  await closePendingOffer(trx, ctx, outbox, sessionId);
  await markReportHours(trx, ctx, [sessionId]);
  await appendSystemMessage(trx, ctx, outbox, sessionId, line);
  const updated = await appendSessionUpdate(trx, ctx, outbox, sessionId, 'transferred', [from.id]);
  outbox.requestRouting();
  return updated;
}
