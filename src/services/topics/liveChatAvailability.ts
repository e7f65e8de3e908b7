// Whether a customer can chat live on a topic now (domain/openingHours.ts): its team open by its
// opening hours and one of its agents online with room, else when it opens next. Starting a
// chat on a closed team is refused (TEAM_CLOSED); one that has no agent free may still wait.
import { AppError } from '../../domain/errors.js';
import { describeOpening, liveChatState, openingAt } from '../../domain/openingHours.js';
import type { LiveChatState } from '../../domain/openingHours.js';
import { onlineCapacity } from '../../storage/repositories/agents.js';
import { openingHoursOf } from '../../storage/repositories/openingHours.js';
import * as topics from '../../storage/repositories/topics.js';
import type { Db } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';
import { topicForNewChat } from './topics.js';

export interface TopicAvailability {
  topicId: string;
  teamId: string;
  state: LiveChatState;
  /** Epoch milliseconds of the next opening when closed; null when open or never opening. */
  opensAt: number | null;
  /** The zone of the team's opening hours; null: always open. */
  timeZone: string | null;
}

/** Every active topic's live chat now, or only `topicId`'s (400 for a topic one cannot pick). */
export async function liveChatAvailability(
  ctx: ServiceContext,
  options: { topicId?: string | undefined },
): Promise<TopicAvailability[]> {
  const db = ctx.store.db;
  const rows =
    options.topicId === undefined
      ? (await topics.listTopics(db, { includeArchived: false })).map((t) => t.row)
      : [(await topicForNewChat(db, options.topicId))!];
  const teamIds = [...new Set(rows.map((row) => row.team_id))];
  const [calendars, capacities] = await Promise.all([
    openingHoursOf(db, teamIds),
    Promise.all(teamIds.map((teamId) => onlineCapacity(db, teamId))),
  ]);
  const freeOf = new Map(teamIds.map((teamId, i) => [teamId, capacities[i]!.free]));
  const now = new Date(ctx.clock.now());
  return rows.map((row) => {
    const calendar = calendars.get(row.team_id) ?? null;
    const opening = openingAt(calendar, now);
    return {
      topicId: row.id,
      teamId: row.team_id,
      state: liveChatState(opening, freeOf.get(row.team_id) ?? 0),
      opensAt: !opening.open && opening.opensAt ? opening.opensAt.getTime() : null,
      timeZone: calendar?.timeZone ?? null,
    };
  });
}

/** When the team is outside its opening hours: the next opening (null: none), else undefined. */
export async function closedUntil(
  db: Db,
  teamId: string,
  now: number,
): Promise<{ opensAt: Date | null; timeZone: string } | undefined> {
  const calendar = (await openingHoursOf(db, [teamId])).get(teamId) ?? null;
  const opening = openingAt(calendar, new Date(now));
  return opening.open ? undefined : { opensAt: opening.opensAt, timeZone: calendar!.timeZone };
}

/** 409 TEAM_CLOSED when the team is outside its opening hours: no chat may queue into it. */
export async function assertTeamTakesChats(db: Db, teamId: string, now: number): Promise<void> {
  const closed = await closedUntil(db, teamId, now);
  if (!closed) return;
  throw new AppError(
    'TEAM_CLOSED',
    closed.opensAt
      ? `Live chat on this topic is closed; it opens ${describeOpening(closed.opensAt, closed.timeZone)}. Leave a message instead.`
      : 'Live chat on this topic is closed. Leave a message instead.',
  );
}
