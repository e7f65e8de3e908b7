// How fast the queue has been served lately: the facts behind a waiting customer's estimate.
import type { Db } from '../store.js';

export interface QueuePace {
  /** Chats taken from the queue since the queue last had a break (looking back `windowMs`). */
  assignments: number;
  /** How long that stretch is: since the oldest chat still waiting started, at most `windowMs`. */
  backedUpMs: number;
  /** When a chat was last taken from the queue (epoch ms), null if never. */
  lastAssignedAt: number | null;
}

export async function queuePace(db: Db, now: number, windowMs: number): Promise<QueuePace> {
  const oldest = await db
    .selectFrom('chat_sessions')
    .select((eb) => eb.fn.min<number | null>('started_at').as('started_at'))
    .where('status', '=', 'waiting')
    .executeTakeFirstOrThrow();
  const since = Math.max(now - windowMs, oldest.started_at ?? now);
  // Two range reads of the assigned_at index.
  const [recent, last] = await Promise.all([
    db
      .selectFrom('chat_sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('assigned_at', '>=', since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('chat_sessions')
      .select((eb) => eb.fn.max<number | null>('assigned_at').as('at'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    assignments: Number(recent.n),
    backedUpMs: now - since,
    lastAssignedAt: last.at === null ? null : Number(last.at),
  };
}
