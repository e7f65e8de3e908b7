// The REST API's reports (`GET /api/v1/reports/…`) as zod schemas. What each metric means, and
// how far a median may be from the true one: docs/reports.md.
import { z } from 'zod';
import { Id, isoTime, Priority } from './api.js';

/** The longest range one report covers. */
export const MAX_REPORT_DAYS = 400;

/** A bound of a report's range: an ISO time, or a date (a whole day on the desk's clock). */
const bound = (description: string) =>
  z.union([z.iso.datetime({ offset: true }), z.iso.date()]).describe(description);

export const ReportRangeQuery = z.object({
  from: bound(
    "start of the range: an ISO 8601 time (rounded down to its UTC hour) or a date (YYYY-MM-DD: that day's midnight in DESK_TIME_ZONE)",
  ),
  to: bound(
    `end of the range, after \`from\`, at most ${MAX_REPORT_DAYS} days on: an ISO time (rounded up to its UTC hour) or a date (that whole day in DESK_TIME_ZONE, included)`,
  ),
  teamId: Id.optional().describe(
    "one team's chats; without it, every chat (super admins) or the chats of the teams the caller leads",
  ),
});

export type ReportRangeQuery = z.infer<typeof ReportRangeQuery>;

/**
 * The chat reports' filters beyond range and team (the rollups are keyed by them). They narrow
 * the teams the caller may see, never widen them: another team's agent or topic gives no chats.
 */
export const ChatReportQuery = ReportRangeQuery.extend({
  agentId: Id.optional().describe('only the chats this agent has, or last had'),
  topicId: Id.optional().describe('only the chats started on this topic'),
  priority: Priority.optional().describe('only the chats of this priority (set when they start)'),
});
export type ChatReportQuery = z.infer<typeof ChatReportQuery>;

const milliseconds = z.number().int().nullable();

export const DurationSummary = z.object({
  count: z.number().int().describe('chats the duration applies to'),
  meanMs: milliseconds.describe('exact'),
  medianMs: milliseconds.describe('from the bins: within a factor of 2^(1/4)'),
  p90Ms: milliseconds.describe('90th percentile, from the bins'),
});

const rangeFields = {
  from: isoTime.describe('the range counted: chats started from here…'),
  to: isoTime.describe('…to here (exclusive), whole UTC hours'),
  teamIds: z
    .array(Id)
    .nullable()
    .describe('the teams counted; null: every chat, also those of no team'),
};

export const ChatMetrics = z.object({
  chats: z.number().int().describe('chats started'),
  abandoned: z.number().int().describe('ended before any agent was assigned'),
  unanswered: z.number().int().describe('ended after an assignment without any agent message'),
  transfers: z.number().int(),
  transferredChats: z.number().int().describe('chats with at least one transfer'),
  wait: DurationSummary.describe('start to first assignment'),
  firstResponse: DurationSummary.describe(
    'first assignment to the first agent message; a transfer does not restart it',
  ),
  handle: DurationSummary.describe('first assignment to end'),
  ratings: z.object({
    '1': z.number().int(),
    '2': z.number().int(),
    '3': z.number().int(),
    '4': z.number().int(),
    '5': z.number().int(),
  }),
  csat: z.number().nullable().describe('share of 4 and 5 among rated chats, 0 to 1'),
});

export const ChatReport = z.object(rangeFields).extend(ChatMetrics.shape);
export type ChatReport = z.infer<typeof ChatReport>;

const grid = z
  .array(z.array(z.number().int()).length(24))
  .length(7)
  .describe('7 rows, Monday first, of 24 hours (0–23) on the desk’s wall clock');

export const ChatHeatmap = z.object({
  ...rangeFields,
  timeZone: z.string().describe('the desk’s time zone (DESK_TIME_ZONE) the cells are in'),
  chats: grid.describe('chats started, by local weekday (Monday first) and hour'),
  hoursPerCell: grid.describe(
    'real hours of the range in each cell: a repeated hour (clocks back) counts 2, a skipped one 0',
  ),
});
export type ChatHeatmap = z.infer<typeof ChatHeatmap>;

export const ChatDaily = z.object({
  ...rangeFields,
  timeZone: z.string().describe('the desk’s time zone (DESK_TIME_ZONE) the days are in'),
  days: z
    .array(
      z.object({
        date: z.iso.date().describe('a local date on the desk’s clock'),
        hours: z
          .number()
          .int()
          .describe(
            'real hours of the range that day: 23 or 25 on a DST night, fewer at a cut end',
          ),
        chats: z.number().int().describe('chats started'),
        waited: z.number().int().describe('chats with a wait (assigned at least once)'),
        waitMedianMs: milliseconds.describe('median wait, from the bins; null without any'),
      }),
    )
    .describe('every day the range touches, oldest first, with zeros when nothing started'),
});
export type ChatDaily = z.infer<typeof ChatDaily>;

export const AgentReportRow = z
  .object({
    agentId: Id,
    name: z.string(),
    isActive: z.boolean().describe('false for a deactivated account that still has chats here'),
    time: z
      .object({
        onlineMs: z.number().int(),
        busyMs: z.number().int(),
        awayMs: z.number().int(),
        offlineMs: z.number().int(),
      })
      .describe(
        'time in each status within the range up to now (they add up to it); before the first status change on record counts as offline',
      ),
    utilisation: z
      .number()
      .nullable()
      .describe(
        'time holding open chats ÷ (time online or busy × max concurrent chats now); not capped at 1; null when never online or busy',
      ),
  })
  .extend(ChatMetrics.shape)
  .describe(
    'the chats the agent has (or last had) among those counted; firstResponse.medianMs and csat are the headline numbers',
  );

export const AgentReport = z.object({
  ...rangeFields,
  agents: z.array(AgentReportRow).describe('by name'),
});
export type AgentReport = z.infer<typeof AgentReport>;
