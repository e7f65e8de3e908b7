// Reports: chat metrics, the heatmap, chats per day, the agent report and the raw chats as CSV over a range, for
// super admins and team leads (agents: their own row of the agent report). docs/reports.md.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { boundOf } from '../../domain/reports/deskTime.js';
import type { ServiceContext } from '../../services/context.js';
import { agentReport } from '../../services/reports/agentReport.js';
import { chatDaily } from '../../services/reports/chatDaily.js';
import { chatExport, EXPORT_COLUMNS } from '../../services/reports/chatExport.js';
import { chatHeatmap } from '../../services/reports/chatHeatmap.js';
import { chatReport } from '../../services/reports/chatReport.js';
import {
  AgentReport,
  ChatDaily,
  ChatHeatmap,
  ChatReport,
  ChatReportQuery,
  type ReportRangeQuery,
} from '../../shared/reportsApi.js';
import { callerOf, errorResponses } from './common.js';
import { csvFileName, csvResponse, sendCsv } from './csvDownload.js';

const tags = ['reports'];
const iso = (ms: number) => new Date(ms).toISOString();
const SCOPE =
  'Super admins see every chat or one team; a team lead sees the teams they lead (all of them, or one): another team is a 403 whatever its id. Dates are whole days in DESK_TIME_ZONE.';
const FILTERS =
  ' `agentId`, `topicId` and `priority` narrow the chats counted within those teams: an agent or topic of a team the caller may not see counts nothing of that team (no 403).';

export const reportRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  /** The range, team and filters asked for, dates read on the desk's clock. */
  const rangeOf = (query: ReportRangeQuery) => ({
    from: boundOf(query.from, 'from', ctx.settings.timeZone),
    to: boundOf(query.to, 'to', ctx.settings.timeZone),
    teamId: query.teamId,
  });
  const filtersOf = (query: ChatReportQuery) => ({
    ...rangeOf(query),
    agentId: query.agentId,
    topicId: query.topicId,
    priority: query.priority,
  });

  app.get(
    '/chats',
    {
      schema: {
        tags,
        operationId: 'chatReport',
        summary: 'Chat metrics over a range',
        description: `Volume, wait, first response and handle time (mean, and median and 90th percentile from fixed bins), abandoned and unanswered chats, transfers, ratings and CSAT of the chats started in the range, from the hourly rollups (which lag the chats by about one housekeeping period). ${SCOPE}${FILTERS} Definitions: docs/reports.md.`,
        querystring: ChatReportQuery,
        response: { 200: ChatReport, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { viewer } = callerOf(ctx, request);
      const report = await chatReport(ctx, { viewer, ...filtersOf(request.query) });
      return {
        from: iso(report.from),
        to: iso(report.to),
        teamIds: report.teamIds,
        ...report.metrics,
      };
    },
  );

  app.get(
    '/chats/heatmap',
    {
      schema: {
        tags,
        operationId: 'chatHeatmap',
        summary: 'Chat volume by weekday and hour on the desk’s clock',
        description: `Chats started in the range by local weekday and hour in DESK_TIME_ZONE, with the real hours each cell spans (DST nights), from the hourly rollups; exact for zones whose offset is whole hours (a half-hour zone counts each UTC hour in the local hour it starts in). ${SCOPE}${FILTERS}`,
        querystring: ChatReportQuery,
        response: { 200: ChatHeatmap, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { viewer } = callerOf(ctx, request);
      const heatmap = await chatHeatmap(ctx, { viewer, ...filtersOf(request.query) });
      return { ...heatmap, from: iso(heatmap.from), to: iso(heatmap.to) };
    },
  );

  app.get(
    '/chats/daily',
    {
      schema: {
        tags,
        operationId: 'chatDaily',
        summary: 'Chats and median wait per day on the desk’s clock',
        description: `For each day of the range in DESK_TIME_ZONE (23 or 25 hours on DST nights): the chats started and their median wait (from the bins), from the hourly rollups; a UTC hour counts on the local day it starts in (exact for zones whose offset is whole hours). ${SCOPE}${FILTERS}`,
        querystring: ChatReportQuery,
        response: { 200: ChatDaily, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { viewer } = callerOf(ctx, request);
      const daily = await chatDaily(ctx, { viewer, ...filtersOf(request.query) });
      return { ...daily, from: iso(daily.from), to: iso(daily.to) };
    },
  );

  app.get(
    '/agents',
    {
      schema: {
        tags,
        operationId: 'agentReport',
        summary: 'Per agent: chats handled, first response, CSAT, time in each status, utilisation',
        description:
          'For each agent, the chat metrics of the chats they have (or last had) among those started in the range. Super admins see every agent (active ones without chats too) over every chat or one team’s; a team lead the agents of the teams they lead, over those teams’ chats; any other agent only their own row, over all their chats (or one team’s). Each row also has the agent’s time online, busy, away and offline and their utilisation over the range (up to now), counted over all their chats whatever the team. `agentId` lists that agent’s row only; `topicId` and `priority` narrow the chats counted.',
        querystring: ChatReportQuery,
        response: { 200: AgentReport, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { viewer } = callerOf(ctx, request);
      const report = await agentReport(ctx, { viewer, ...filtersOf(request.query) });
      return {
        from: iso(report.from),
        to: iso(report.to),
        teamIds: report.teamIds,
        agents: report.agents.map(({ metrics, ...agent }) => ({ ...agent, ...metrics })),
      };
    },
  );

  app.get(
    '/chats.csv',
    {
      schema: {
        tags,
        operationId: 'exportChats',
        summary: 'The raw chats of a range as CSV',
        description: `One row per chat started in the range, oldest first, streamed as it is read (a year is never held in memory): ${EXPORT_COLUMNS.join(', ')}. Durations in seconds; outcome is answered, unanswered or abandoned for ended chats. A download (\`Content-Disposition: attachment\`). ${SCOPE}${FILTERS}`,
        querystring: ChatReportQuery,
        response: { 200: csvResponse, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { viewer } = callerOf(ctx, request);
      const exported = await chatExport(ctx, { viewer, ...filtersOf(request.query) });
      return sendCsv(request, reply, {
        fileName: csvFileName('chats', exported),
        columns: EXPORT_COLUMNS,
        records: exported.records,
      });
    },
  );
};
