// A chat report for a range of hours, from the hourly rollups: the whole desk for super admins,
// a team lead's teams for them (docs/reports.md). Chats changed in the last housekeeping period
// may not be counted yet.
import { forbidden, invalid, notFound } from '../../domain/errors.js';
import { reportPolicy, isSuperAdmin, type Viewer } from '../../domain/policies.js';
import {
  chatMetrics,
  HOUR_MS,
  utcHourOf,
  type ChatMetrics,
} from '../../domain/reports/chatRollup.js';
import { MAX_REPORT_DAYS } from '../../shared/reportsApi.js';
import { sumRollups } from '../../storage/repositories/reports/chatRollups.js';
import { findTeam } from '../../storage/repositories/teams.js';
import type { ServiceContext } from '../context.js';
import { withLeadTeams } from '../teams/teamLeads.js';

export interface ChatReportProps {
  viewer: Viewer;
  /** Epoch milliseconds; rounded outwards to whole UTC hours. */
  from: number;
  to: number;
  teamId?: string | undefined;
}

export interface ChatReportResult {
  from: number;
  to: number;
  /** Null: every chat, those of no team included. */
  teamIds: string[] | null;
  metrics: ChatMetrics;
}

const REFUSED = 'Reports are for super admins, and for team leads about their teams';

export async function chatReport(
  ctx: ServiceContext,
  props: ChatReportProps,
): Promise<ChatReportResult> {
  const { db } = ctx.store;
  const viewer = await withLeadTeams(db, props.viewer);
  if (!reportPolicy.view(viewer)) throw forbidden(REFUSED);
  const from = utcHourOf(props.from);
  const to = utcHourOf(props.to + HOUR_MS - 1);
  if (to <= from) throw invalid('to', 'must be after from');
  if (to - from > MAX_REPORT_DAYS * 24 * HOUR_MS) {
    throw invalid('to', `must be at most ${MAX_REPORT_DAYS} days after from`);
  }
  let teamIds: string[] | null;
  if (props.teamId !== undefined) {
    // Anyone but a super admin is refused a team they do not lead, whether it exists or not.
    if (!reportPolicy.viewTeam(viewer, props.teamId)) throw forbidden(REFUSED);
    if (!(await findTeam(db, props.teamId))) throw notFound('Team');
    teamIds = [props.teamId];
  } else {
    teamIds = isSuperAdmin(viewer) ? null : [...(viewer.leadTeamIds ?? [])];
  }
  const rollup = await sumRollups(db, { from, to, teamIds: teamIds ?? undefined });
  return { from, to, teamIds, metrics: chatMetrics(rollup) };
}
