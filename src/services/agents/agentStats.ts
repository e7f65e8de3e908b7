// get_session_stats: the current agent's numbers for today and all time.
import { sql } from 'kysely';
import { forbidden } from '../../domain/errors.js';
import { isAgent, type Viewer } from '../../domain/policies.js';
import type { AgentStats } from '../../shared/api.js';
import { countByStatus } from '../../storage/repositories/sessions/sessionLists.js';
import type { Db } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';

const DAY_MS = 86_400_000;

/** Epoch ms of the start of the caller's day, for a caller `tzOffsetMinutes` east of UTC. */
export function startOfDay(now: number, tzOffsetMinutes: number): number {
  const offsetMs = tzOffsetMinutes * 60_000;
  return Math.floor((now + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
}

/**
 * First response is the agent's own: from when the chat became theirs (their participant row's
 * joined_at: assignment or transfer) to their first reply, which transfer and requeue reset.
 * Clamped at zero, so clocks that disagree across nodes cannot make it negative.
 */
const ownFirstResponseMs = sql<number>`case when cs.first_agent_reply_at is not null then
  (case when cs.first_agent_reply_at > coalesce(p.joined_at, cs.assigned_at)
    then cs.first_agent_reply_at - coalesce(p.joined_at, cs.assigned_at) else 0 end) end`;

async function periodStats(db: Db, agentId: string, since: number) {
  const row = await db
    .selectFrom('chat_sessions as cs')
    .leftJoin('chat_participants as p', (join) =>
      join.onRef('p.session_id', '=', 'cs.id').onRef('p.user_id', '=', 'cs.assigned_agent_id'),
    )
    .select((eb) => [
      eb.fn.countAll<number>().as('handled'),
      eb.fn.avg<number | null>(ownFirstResponseMs).as('first_response_ms'),
      eb.fn.avg<number | null>('cs.rating').as('rating'),
      eb.fn.count<number>('cs.rating').as('rated'),
    ])
    .where('cs.assigned_agent_id', '=', agentId)
    .where('cs.status', '=', 'ended')
    .where('cs.ended_at', '>=', since)
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
