// The Reports page's ticket tiles: each figure of a ticket report (docs/reports.md, "Tickets")
// as a label, its value at a glance, a line under it, its plain-language definition and (given
// the previous period's report) its change since then (reportComparison.ts).
import type { TicketReport } from '../../../shared/ticketReportsApi.js';
import { withChanges, type Compared } from './reportComparison.js';
import { durationText, type ReportTile } from './reportTiles.js';

/**
 * Which way each ticket figure is better. Created tickets are demand (neither); the backlog now
 * is the same in both reports, so it is compared with the backlog at the end of the previous
 * period's last day, the backlog the period started with.
 */
const COMPARED: Record<string, Compared<TicketReport>> = {
  Created: { measure: (r) => r.created, better: null },
  Solved: { measure: (r) => r.solved, better: 'up' },
  Reopened: { measure: (r) => r.reopened, better: 'down' },
  'Backlog now': {
    measure: (r) => r.backlogNow,
    before: (previous) => previous.backlog.at(-1)?.backlog ?? null,
    better: 'down',
    label: 'the period’s start',
  },
  'Median first response': { measure: (r) => r.firstResponse.business.medianMs, better: 'down' },
  'Median resolution': { measure: (r) => r.resolution.business.medianMs, better: 'down' },
  'First response SLA': {
    measure: (r) => r.sla.firstResponse.achievement,
    better: 'up',
    kind: 'points',
  },
  'Resolution SLA': { measure: (r) => r.sla.resolution.achievement, better: 'up', kind: 'points' },
  'Ticket CSAT': { measure: (r) => r.satisfaction.csat, better: 'up', kind: 'points' },
};

const of = (n: number) => `of ${n} ${n === 1 ? 'ticket' : 'tickets'}`;
const share = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)} %`);

/** The tiles of `report`, each with its change since `previous` when that is given. */
export function ticketReportTiles(
  report: TicketReport,
  previous?: { report: TicketReport; label: string },
): ReportTile[] {
  const tiles = currentTiles(report);
  return previous ? withChanges(tiles, COMPARED, report, previous) : tiles;
}

function currentTiles(report: TicketReport): ReportTile[] {
  const { firstResponse, resolution, sla } = report;
  return [
    {
      label: 'Created',
      value: String(report.created),
      definition: 'Tickets created in the period.',
    },
    {
      label: 'Solved',
      value: String(report.solved),
      definition:
        'Tickets whose last solve fell in the period (solved again after a reopen: once).',
    },
    {
      label: 'Reopened',
      value: String(report.reopened),
      definition: 'Times a solved ticket went back to work in the period.',
    },
    {
      label: 'Backlog now',
      value: String(report.backlogNow),
      definition: 'Tickets new, open, pending or on hold right now.',
    },
    {
      label: 'Median first response',
      value: durationText(firstResponse.business.medianMs),
      detail: `in business hours, ${of(firstResponse.business.count)}; ${durationText(firstResponse.calendar.medianMs)} on the clock`,
      definition:
        'From the ticket being created to the first public reply from the desk, for tickets first answered in the period.',
    },
    {
      label: 'Median resolution',
      value: durationText(resolution.business.medianMs),
      detail: `in business hours, ${of(resolution.business.count)}; ${durationText(resolution.calendar.medianMs)} on the clock`,
      definition:
        'From the ticket being created to its last solve, for tickets solved in the period; waiting on the student counts.',
    },
    {
      label: 'First response SLA',
      value: share(sla.firstResponse.achievement),
      detail: `${sla.firstResponse.achieved} met, ${sla.firstResponse.breached} missed`,
      definition:
        'Of the tickets created in the period under a policy, the share answered in time.',
    },
    {
      label: 'Resolution SLA',
      value: share(sla.resolution.achievement),
      detail: `${sla.resolution.achieved} met, ${sla.resolution.breached} missed`,
      definition: 'Of the tickets created in the period under a policy, the share solved in time.',
    },
    {
      label: 'Ticket CSAT',
      value: share(report.satisfaction.csat),
      detail: `${report.satisfaction.rated} ${report.satisfaction.rated === 1 ? 'answer' : 'answers'}`,
      definition:
        'Of the survey answers given in the period (mailed once a ticket is solved), the share rating 4 or 5, for the team that solved it.',
    },
  ];
}
