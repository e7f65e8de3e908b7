// Queries on teams' opening hours: the business calendar each team names (teams.calendar_id).
import type { BusinessCalendar } from '../../domain/tickets/businessCalendar.js';
import type { Db } from '../store.js';
import { calendarOf } from './tickets/slaPolicies.js';

/** The opening-hours calendar of each of `teamIds`; null for a team without one (always open). */
export async function openingHoursOf(
  db: Db,
  teamIds: readonly string[],
): Promise<Map<string, BusinessCalendar | null>> {
  const byTeam = new Map<string, BusinessCalendar | null>(teamIds.map((id) => [id, null]));
  if (teamIds.length === 0) return byTeam;
  const rows = await db
    .selectFrom('teams as t')
    .innerJoin('business_calendars as c', 'c.id', 't.calendar_id')
    .selectAll('c')
    .select('t.id as team_id')
    .where('t.id', 'in', [...teamIds])
    .execute();
  for (const { team_id, ...row } of rows) byTeam.set(team_id, calendarOf(row));
  return byTeam;
}
