// What a report covers: its range of whole UTC hours, and the teams whose chats it counts for
// this viewer (docs/reports.md, "The API"). Shared by every report, so the rules stay one.
import { forbidden, invalid, notFound } from '../../domain/errors.js';
import { isSuperAdmin, reportPolicy, type Viewer } from '../../domain/policies.js';
import { HOUR_MS, utcHourOf } from '../../domain/reports/chatRollup.js';
import { MAX_REPORT_DAYS } from '../../shared/reportsApi.js';
import type { Priority } from '../../shared/vocabulary.js';
import type { RollupFilter } from '../../storage/repositories/reports/chatRollups.js';
import { findTeam } from '../../storage/repositories/teams.js';
import type { Db } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';
import { withLeadTeams } from '../teams/teamLeads.js';

export const REFUSED = 'Reports are for super admins, and for team leads about their teams';

/** [from, to) rounded outwards to whole UTC hours; refused when empty or too long. */
export function hourRange(fromMs: number, toMs: number): { from: number; to: number } {
  const from = utcHourOf(fromMs);
  const to = utcHourOf(toMs + HOUR_MS - 1);
  if (to <= from) throw invalid('to', 'must be after from');
  if (to - from > MAX_REPORT_DAYS * 24 * HOUR_MS) {
    throw invalid('to', `must be at most ${MAX_REPORT_DAYS} days after from`);
  }
  return { from, to };
}

/**
 * The teams a report counts: one asked for (a super admin's any, a lead's only theirs, whatever
 * the id: another is a 403), else every chat for a super admin (null) or the teams led.
 * `viewer` must carry its lead teams (withLeadTeams).
 */
export async function reportTeams(
  db: Db,
  viewer: Viewer,
  teamId: string | undefined,
): Promise<string[] | null> {
  if (teamId !== undefined) {
    if (!reportPolicy.viewTeam(viewer, teamId)) throw forbidden(REFUSED);
    if (!(await findTeam(db, teamId))) throw notFound('Team');
    return [teamId];
  }
  return isSuperAdmin(viewer) ? null : [...(viewer.leadTeamIds ?? [])];
}

/**
 * The filters a chat report takes beyond its range and team. They narrow what the viewer's teams
 * already allow and never widen it: an agent or topic of a team the viewer may not see gives no
 * chats (not a 403), except the chats of the viewer's own teams it matches (an agent of another
 * team who answered one of them, a chat transferred in from another team's topic).
 */
export interface ChatFilters {
  agentId?: string | undefined;
  topicId?: string | undefined;
  priority?: Priority | undefined;
}

export interface ChatReportScope {
  from: number;
  to: number;
  teamIds: string[] | null;
  /** The rollup rows the report sums: its range, teams and filters. */
  rollups: RollupFilter;
}

/**
 * What a chat report may count for its viewer: refused unless they may see reports, then the
 * range in whole UTC hours, the teams (reportTeams) and the filters. The chat report, heatmap
 * and daily series all start here, so they agree on who sees what.
 */
export async function chatReportScope(
  ctx: ServiceContext,
  props: { viewer: Viewer; from: number; to: number; teamId?: string | undefined } & ChatFilters,
): Promise<ChatReportScope> {
  const db = ctx.store.reportDb;
  const viewer = await withLeadTeams(db, props.viewer);
  if (!reportPolicy.view(viewer)) throw forbidden(REFUSED);
  const { from, to } = hourRange(props.from, props.to);
  const teamIds = await reportTeams(db, viewer, props.teamId);
  return { from, to, teamIds, rollups: rollupFilter({ from, to, teamIds }, props) };
}

/** The rollup rows of a range, its teams (null: all) and `filters`. */
export function rollupFilter(
  range: { from: number; to: number; teamIds: string[] | null },
  filters: ChatFilters,
): RollupFilter {
  return {
    from: range.from,
    to: range.to,
    teamIds: range.teamIds ?? undefined,
    agentId: filters.agentId,
    topicId: filters.topicId,
    priority: filters.priority,
  };
}
