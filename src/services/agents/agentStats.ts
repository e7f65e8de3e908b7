// get_session_stats: the current agent's numbers for today and all time.
import { sql } from 'kysely';
import { forbidden } from '../../domain/errors.js';
import { isAgent, type Viewer } from '../../domain/policies.js';
import type { AgentStats } from '../../shared/api.js';
import { countByStatus } from '../../storage/repositories/sessions.js';
import type { Db } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';

const DAY_MS = 86_400_000;

/** Epoch ms of the start of the caller's day, for a caller `tzOffsetMinutes` east of UTC. */
export function startOfDay(now: number, tzOffsetMinutes: number): number {
  const offsetMs = tzOffsetMinutes * 60_000;
  return Math.floor((now + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
}

async function periodStats(db: Db, agentId: string, since: number) {
  const row = await db
    .selectFrom('chat_sessions')
    .select((eb) => [
      eb.fn.countAll<number>().as('handled'),
      eb.fn
        .avg<number | null>(
          sql<number>`case when first_agent_reply_at is not null then first_agent_reply_at - assigned_at end`,
        )
        .as('first_response_ms'),
      eb.fn.avg<number | null>('rating').as('rating'),
      eb.fn.count<number>('rating').as('rated'),
    ])
    .where('assigned_agent_id', '=', agentId)
    .where('status', '=', 'ended')
    .where('ended_at', '>=', since)
    .executeTakeFirstOrThrow();
  const firstResponseMs = row.first_response_ms === null ? null : Number(row.first_response_ms);
  return {
    chatsHandled: Number(row.handled),
    averageFirstResponseSeconds:
      firstResponseMs === null ? null : Math.round(firstResponseMs / 100) / 10,
    averageRating: row.rating === null ? null : Math.round(Number(row.rating) * 100) / 100,
    ratedChats: Number(row.rated),
  };
}

export async function agentStats(
  ctx: ServiceContext,
  viewer: Viewer,
  tzOffsetMinutes: number,
): Promise<AgentStats> {
  if (!isAgent(viewer)) throw forbidden('Only agents have chat statistics');
  const { db } = ctx.store;
  const since = startOfDay(ctx.clock.now(), tzOffsetMinutes);
  const [today, allTime, active, waitingNow] = await Promise.all([
    periodStats(db, viewer.id, since),
    periodStats(db, viewer.id, 0),
    db
      .selectFrom('chat_sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('assigned_agent_id', '=', viewer.id)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow(),
    countByStatus(db, 'waiting'),
  ]);
  return { today, allTime, activeNow: Number(active.n), waitingNow };
}
