// The ticket report for a range (docs/reports.md, "Tickets"): created, solved, reopened, the
// backlog at the end of each day, first response and resolution times on the calendar and in
// business hours, and SLA achievement per target. Read from the tickets and their status
// history through indexes, with no rollup: nothing lags.
import { forbidden } from '../../domain/errors.js';
import { reportPolicy, type Viewer } from '../../domain/policies.js';
import {
  achievement,
  BACKLOG_STATUSES,
  backlogByDay,
  backlogStep,
  isReopen,
  exactSummary,
  type BacklogPoint,
  type ExactSummary,
} from '../../domain/reports/ticketMeasures.js';
import type { SlaState } from '../../domain/tickets/slaStatus.js';
import { satisfactionOf, type Satisfaction } from '../../domain/tickets/ticketSurvey.js';
import type { Priority, TicketChannel } from '../../shared/vocabulary.js';
import {
  countBacklog,
  creationsByBucket,
  rankedDurations,
  slaStates,
  statusChangesByBucket,
  surveyRatings,
  type SlaStateCounts,
  type TicketReportFilter,
  type TimedTarget,
  type TimeRange,
} from '../../storage/repositories/reports/ticketReports.js';
import type { ServiceContext } from '../context.js';
import { withLeadTeams } from '../teams/teamLeads.js';
import { hourRange, REFUSED, reportTeams } from './reportScope.js';

export interface TicketReportProps {
  viewer: Viewer;
  from: number;
  to: number;
  teamId?: string | undefined;
  priority?: Priority | undefined;
  channel?: TicketChannel | undefined;
}

export interface TimesSummary {
  calendar: ExactSummary;
  /** Only tickets with a business figure (answered or solved since migration 0030). */
  business: ExactSummary;
}

export interface SlaTargetAchievement {
  achieved: number;
  breached: number;
  /** Still running (or paused) at the time of the report. */
  open: number;
  achievement: number | null;
}

export interface TicketReportResult {
  from: number;
  to: number;
  teamIds: string[] | null;
  created: number;
  solved: number;
  reopened: number;
  backlogNow: number;
  backlog: BacklogPoint[];
  firstResponse: TimesSummary;
  resolution: TimesSummary;
  sla: { firstResponse: SlaTargetAchievement; resolution: SlaTargetAchievement };
  /** Survey answers given in the range, by the team they are attributed to. */
  satisfaction: Satisfaction;
}

/** Exact summaries of a target's times in the range, from the database's counts and ranks. */
async function timesOf(
  ctx: ServiceContext,
  target: TimedTarget,
  range: TimeRange,
  filter: TicketReportFilter,
): Promise<TimesSummary> {
  const { calendar, business } = await rankedDurations(
    ctx.store.reportDb,
    ctx.store.dialect,
    target,
    range,
    filter,
  );
  return {
    calendar: exactSummary(calendar.count, calendar.totalMs, calendar.atRank),
    business: exactSummary(business.count, business.totalMs, business.atRank),
  };
}

function targetOf(counts: SlaStateCounts): SlaTargetAchievement {
  const n = (state: SlaState) => counts[state] ?? 0;
  return {
    achieved: n('achieved'),
    breached: n('breached'),
    open: n('active') + n('paused'),
    achievement: achievement(n('achieved'), n('breached')),
  };
}

export async function ticketReport(
  ctx: ServiceContext,
  props: TicketReportProps,
): Promise<TicketReportResult> {
  const db = ctx.store.reportDb;
  const viewer = await withLeadTeams(db, props.viewer);
  if (!reportPolicy.view(viewer)) throw forbidden(REFUSED);
  const range = hourRange(props.from, props.to);
  const teamIds = await reportTeams(db, viewer, props.teamId);
  const filter = { teamIds, priority: props.priority, channel: props.channel };
  const now = ctx.clock.now();
  // The backlog is counted back from now, so its flows run from the range's start to now.
  const since = { from: range.from, to: Math.max(range.to, now + 1) };
  // Independent reads, concurrent on PostgreSQL's pool (SQLite runs them one after another).
  const [backlogNow, creations, changes, firstResponse, resolution, sla, ratings] =
    await Promise.all([
      countBacklog(db, BACKLOG_STATUSES, filter),
      creationsByBucket(db, since, filter),
      statusChangesByBucket(db, since, filter),
      timesOf(ctx, 'firstResponse', range, filter),
      timesOf(ctx, 'resolution', range, filter),
      slaStates(db, range, filter),
      surveyRatings(db, range, filter),
    ]);
  // Range bounds are whole hours, so whole buckets: the buckets in the range are its creations.
  const created = creations
    .filter((c) => c.at >= range.from && c.at < range.to)
    .reduce((sum, c) => sum + c.n, 0);
  // The tickets solved in the range are those resolved in it (the last solve, in both).
  const solved = resolution.calendar.count;
  const flows = [
    ...creations.map(({ at, n }) => ({ at, delta: n })),
    ...changes.map(({ at, from, to, n }) => ({ at, delta: backlogStep(from, to) * n })),
  ].filter((flow) => flow.delta !== 0);
  const reopened = changes
    .filter((c) => c.at >= range.from && c.at < range.to && isReopen(c.from, c.to))
    .reduce((sum, c) => sum + c.n, 0);
  return {
    ...range,
    teamIds,
    created,
    solved,
    reopened,
    backlogNow,
    backlog: backlogByDay(backlogNow, now, flows, range, ctx.settings.timeZone),
    firstResponse,
    resolution,
    sla: { firstResponse: targetOf(sla.firstResponse), resolution: targetOf(sla.resolution) },
    satisfaction: satisfactionOf(ratings),
  };
}
