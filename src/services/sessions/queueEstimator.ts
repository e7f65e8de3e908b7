// A waiting customer's place in the queue and expected wait, from the queue's recent pace, who
// is on duty and how long recent chats took (the rules: domain/queueEstimate.ts). A team's chat
// counts its team's queue and agents; a chat of no team, everyone's.
import { AppError } from '../../domain/errors.js';
import type { Viewer } from '../../domain/policies.js';
import { estimateWaitSeconds } from '../../domain/queueEstimate.js';
import type { QueuePosition } from '../../shared/api.js';
import { onlineCapacity } from '../../storage/repositories/agents.js';
import { queuePace } from '../../storage/repositories/queuePace.js';
import { queuePositions } from '../../storage/repositories/sessions/sessionLists.js';
import type { SessionRow } from '../../storage/schema.js';
import type { Db } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';
import { loadSessionFor } from './sessionAccess.js';

const RECENT_CHATS = 50;
/** How far back the queue's pace is measured. */
const PACE_WINDOW_MS = 30 * 60_000;

async function averageHandleSeconds(db: Db): Promise<number | null> {
  const recent = db
    .selectFrom('chat_sessions')
    .select((eb) => eb('ended_at', '-', eb.ref('assigned_at')).as('handle_ms'))
    .where('status', '=', 'ended')
    .where('assigned_at', 'is not', null)
    .orderBy('ended_at', 'desc')
    .limit(RECENT_CHATS)
    .as('recent');
  const row = await db
    .selectFrom(recent)
    .select((eb) => eb.fn.avg<number | null>('recent.handle_ms').as('avg_ms'))
    .executeTakeFirstOrThrow();
  return row.avg_ms === null ? null : Number(row.avg_ms) / 1000;
}

/** Positions of several waiting sessions, sharing the queue, capacity and history lookups. */
export async function estimateQueuePositions(
  db: Db,
  sessions: readonly SessionRow[],
  now: number,
): Promise<QueuePosition[]> {
  if (sessions.length === 0) return [];
  const teams = [...new Set(sessions.map((session) => session.team_id))];
  const [capacities, averageHandle, positions, pace] = await Promise.all([
    Promise.all(teams.map((teamId) => onlineCapacity(db, teamId))),
    averageHandleSeconds(db),
    queuePositions(db),
    queuePace(db, now, PACE_WINDOW_MS),
  ]);
  const capacityOf = new Map(teams.map((teamId, i) => [teamId, capacities[i]!]));
  return sessions.flatMap((session) => {
    const position = positions.get(session.id);
    const capacity = capacityOf.get(session.team_id)!;
    if (position === undefined) return [];
    const lastMove = Math.max(pace.lastAssignedAt ?? 0, session.started_at);
    return [
      {
        sessionId: session.id,
        position,
        estimatedWaitSeconds: estimateWaitSeconds({
          position,
          agentsOnline: capacity.agentsOnline,
          onlineCapacity: capacity.capacity,
          freeSlots: capacity.free,
          averageHandleSeconds: averageHandle,
          backedUp: { assignments: pace.assignments, ms: pace.backedUpMs },
          sinceLastMoveMs: Math.max(0, now - lastMove),
        }),
        agentsAvailable: capacity.agents,
        agentsOnline: capacity.agentsOnline,
      },
    ];
  });
}

export async function queuePositionFor(
  ctx: ServiceContext,
  viewer: Viewer,
  sessionId: string,
): Promise<QueuePosition> {
  const { record } = await loadSessionFor(ctx.store.db, viewer, sessionId);
  if (record.row.status !== 'waiting') {
    throw new AppError('SESSION_NOT_WAITING', 'This chat is no longer waiting in the queue');
  }
  const [position] = await estimateQueuePositions(ctx.store.db, [record.row], ctx.clock.now());
  if (!position)
    throw new AppError('SESSION_NOT_WAITING', 'This chat is no longer waiting in the queue');
  return position;
}
