// The ticket report (`GET /api/v1/reports/tickets`) as zod schemas. What each figure means:
// docs/reports.md, "Tickets".
import { z } from 'zod';
import { Id, isoTime, Priority } from './api.js';
import { ReportRangeQuery } from './reportsApi.js';
import { TicketChannel } from './ticketsApi.js';

export const TicketReportQuery = ReportRangeQuery.extend({
  priority: Priority.optional().describe('only tickets of this priority (their current one)'),
  channel: TicketChannel.optional().describe('only tickets that came in on this channel'),
});
export type TicketReportQuery = z.infer<typeof TicketReportQuery>;

const milliseconds = z.number().int().nullable();

const ExactSummary = z.object({
  count: z.number().int().describe('tickets the time applies to'),
  meanMs: milliseconds,
  medianMs: milliseconds.describe('exact (nearest rank)'),
  p90Ms: milliseconds.describe('90th percentile, exact (nearest rank)'),
});

const Times = z.object({
  calendar: ExactSummary.describe('on the wall clock'),
  business: ExactSummary.describe(
    "in business hours on the ticket's SLA calendar (none: open around the clock), counted when the response or solve happened",
  ),
});

const Target = z.object({
  achieved: z.number().int(),
  breached: z.number().int(),
  open: z.number().int().describe('still running or paused'),
  achievement: z.number().nullable().describe('achieved / (achieved + breached), 0 to 1'),
});

export const TicketReport = z.object({
  from: isoTime.describe('the range counted, from here…'),
  to: isoTime.describe('…to here (exclusive), whole UTC hours'),
  teamIds: z
    .array(Id)
    .nullable()
    .describe('the teams counted (the tickets’ current team); null: every ticket'),
  created: z.number().int().describe('tickets created in the range'),
  solved: z.number().int().describe('tickets whose last solve is in the range'),
  reopened: z.number().int().describe('changes from solved back to work, in the range'),
  backlogNow: z.number().int().describe('tickets new, open, pending or on hold now'),
  backlog: z
    .array(z.object({ date: z.iso.date(), backlog: z.number().int() }))
    .describe('tickets in the backlog at the end of each desk day of the range that has ended'),
  firstResponse: Times.describe(
    'creation to the first public agent reply, of the tickets first answered in the range',
  ),
  resolution: Times.describe('creation to the last solve, of the tickets solved in the range'),
  sla: z
    .object({ firstResponse: Target, resolution: Target })
    .describe('SLA standing of the tickets created in the range under a policy'),
  satisfaction: z
    .object({
      rated: z.number().int().describe('survey answers given in the range'),
      csat: z.number().nullable().describe('share of 4 and 5 among them, 0 to 1'),
      distribution: z.object({
        '1': z.number().int(),
        '2': z.number().int(),
        '3': z.number().int(),
        '4': z.number().int(),
        '5': z.number().int(),
      }),
    })
    .describe(
      'answers to the survey mailed on solving, given in the range, counted for the team the ticket had when solved',
    ),
});
export type TicketReport = z.infer<typeof TicketReport>;
