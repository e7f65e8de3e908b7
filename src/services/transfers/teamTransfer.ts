// A transfer to a team: the chat goes back to the queue as that team's chat, keeping its place
// (its start time and priority, which the queue is ordered by, stay as they were), for whichever
// of the team's agents routing or a take gives it to next. The desk's line names who acted
// ("Ada moved the chat from Kofi to Finance"); the customer reads "You're being transferred to
// Finance", then who joined.
import { sql } from 'kysely';
import type { Viewer } from '../../domain/policies.js';
import { AppError } from '../../domain/errors.js';
import { beingTransferredLine, transferLine } from '../../domain/transcriptLines.js';
import type { SessionRecord } from '../../storage/repositories/sessions/sessionRecords.js';
import { commit, type ServiceContext } from '../context.js';
import { putBackInQueue } from '../sessions/chatRequeuer.js';
import {
  appendDeskLine,
  appendSessionUpdate,
  appendSystemMessage,
} from '../sessions/sessionEvents.js';
import { assertTeamOpen } from '../teams/openTeam.js';
import { loadTransferSource, writeHandoverNote } from './transferSource.js';

export interface TransferToTeamProps {
  viewer: Viewer;
  sessionId: string;
  /** A team that is not archived. */
  teamId: string;
  /** A handover note for whoever takes the chat next (an internal note). */
  note?: string | undefined;
}

export function transferToTeam(
  ctx: ServiceContext,
  { viewer, sessionId, teamId, note }: TransferToTeamProps,
): Promise<SessionRecord> {
  return commit(ctx, async (trx, outbox) => {
    const source = await loadTransferSource(trx, ctx, viewer, sessionId, {
      withNote: note !== undefined,
    });
    const { row: team } = await assertTeamOpen(trx, teamId);
    const handoverNoteId = await writeHandoverNote(trx, ctx, outbox, source, note);
    const { from, by } = source;
    const queued = await putBackInQueue(trx, ctx, outbox, sessionId, from.id, {
      team_id: team.id,
      handover_note_id: handoverNoteId,
      transfers: sql<number>`transfers + 1`,
    });
    if (!queued)
      throw new AppError('SESSION_ALREADY_ASSIGNED', 'This chat changed hands meanwhile');
    await appendDeskLine(trx, ctx, outbox, sessionId, transferLine(from, team, by));
    await appendSystemMessage(trx, ctx, outbox, sessionId, beingTransferredLine(team));
    return appendSessionUpdate(trx, ctx, outbox, sessionId, 'transferred', [from.id]);
  });
}
