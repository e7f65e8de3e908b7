// The customer rates an ended chat (1-5) with optional feedback, once.
import { AppError } from '../../domain/errors.js';
import { sessionPolicy, type Viewer } from '../../domain/policies.js';
import { assertTransition } from '../../domain/sessionLifecycle.js';
import type { SessionRecord } from '../../storage/repositories/sessions/sessionRecords.js';
import { commit, type ServiceContext } from '../context.js';
import { markReportHours } from '../reports/reportMarks.js';
import { loadSessionFor } from './sessionAccess.js';
import { appendSessionUpdate } from './sessionEvents.js';

export interface RateSessionProps {
  viewer: Viewer;
  sessionId: string;
  rating: number;
  feedback?: string | undefined;
}

export function rateSession(ctx: ServiceContext, props: RateSessionProps): Promise<SessionRecord> {
  const { viewer, sessionId } = props;
  return commit(ctx, async (trx, outbox) => {
    const { record } = await loadSessionFor(trx, viewer, sessionId, {
      rule: sessionPolicy.rate,
      lock: ctx.store,
    });
    assertTransition(record.row.status, 'rate');
    if (record.row.rating !== null)
      throw new AppError('ALREADY_RATED', 'This chat has already been rated');
    const now = ctx.clock.now();
    const result = await trx
      .updateTable('chat_sessions')
      .set({
        rating: props.rating,
        feedback: props.feedback ?? null,
        rated_at: now,
        updated_at: now,
      })
      .where('id', '=', sessionId)
      .where('rating', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new AppError('ALREADY_RATED', 'This chat has already been rated');
    }
    await markReportHours(trx, ctx, [sessionId]);
    return appendSessionUpdate(trx, ctx, outbox, sessionId, 'rated');
  });
}
