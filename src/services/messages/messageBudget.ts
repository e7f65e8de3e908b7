// Reserves a sent message's sequence number within the session's message budget, or refuses the
// send: the one place a customer's message, an agent's reply and a note spend from it.
import { messageBudget, messageWaitMs } from '../../domain/abuseLimits.js';
import { rateLimited } from '../../domain/errors.js';
import {
  reserveSentMessageSeq,
  type SendingSide,
} from '../../storage/repositories/sessions/sessionSequences.js';
import type { Db } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';

export async function reserveWithinBudget(
  trx: Db,
  ctx: Pick<ServiceContext, 'clock' | 'settings'>,
  sessionId: string,
  side: SendingSide,
): Promise<number> {
  const now = ctx.clock.now();
  const budget = messageBudget(ctx.settings.abuseLimits);
  const reserved = await reserveSentMessageSeq(trx, sessionId, now, budget, side);
  if (reserved.seq === null) {
    throw rateLimited(
      'Too many messages in this chat; wait a moment',
      messageWaitMs(budget, reserved.fullAt, now),
    );
  }
  return reserved.seq;
}
